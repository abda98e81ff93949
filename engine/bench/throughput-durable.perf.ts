import getPort from 'get-port';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { startTemporal } from '../src/services/temporal.js';
import { startHarness } from '../test/engine-harness.js';
import { sizes, writeResults } from './bench-kit.js';
import { journeysAgainstBaseline } from './throughput-kit.js';

/**
 * The same comparison as throughput.perf.ts on a Temporal dev server that keeps its state in a SQLite
 * file, as `npm start` runs it: every history event is written to disk, so raw Temporal costs more per
 * workflow and the journey's own work weighs less beside it.
 */
it('raw Temporal baseline vs journeys, durable Temporal as npm start runs it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-bench-temporal-'));
  const temporal = await startTemporal({
    port: await getPort(),
    uiPort: await getPort(),
    ui: false,
    dbFile: join(dir, 'temporal.sqlite'),
    progress: () => {},
  });
  const h = await startHarness('bench-throughput-durable', { smtp: false, temporalAddress: temporal.address });
  try {
    writeResults('throughput-durable', {
      users: sizes.users,
      ...(await journeysAgainstBaseline(h, temporal.address, sizes.users)),
    });
  } finally {
    await h.stop();
    await temporal.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
