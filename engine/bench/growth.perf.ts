import getPort from 'get-port';
import mongoose from 'mongoose';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, it } from 'vitest';
import { EventModel, MessageModel } from '../src/models/index.js';
import { startMongo } from '../src/services/mongo.js';
import { findPostgres } from '../src/services/postgres.js';
import { pollUntil } from '../src/services/wait.js';
import { startHarness } from '../test/engine-harness.js';
import { emailJourney, percentile, round, seedStore, sizes, writeResults } from './bench-kit.js';

/**
 * Growth: per-event latency and store operations as the stored events grow, FerretDB on SQLite and on
 * PostgreSQL side by side. Each probe is one track event through ingestion, routing, the workflow and a
 * sandbox send, alone on the engine; its operations are the driver's commands from the track call to the
 * completed entry.
 */
type Row =
  | {
      storedEvents: number;
      latencyMs: { p50: number; max: number };
      storeOpsPerEvent: number;
      opsByCollection: Record<string, number>;
    }
  | { storedEvents: number; failed: string };
const results: Record<string, Row[]> = {};
afterAll(() => writeResults('growth', { probesPerSize: sizes.growthProbes, ...results }));

const backends = (['postgresql', 'sqlite'] as const).filter((backend) => backend === 'sqlite' || findPostgres());

for (const backend of backends) {
  it(`FerretDB on ${backend}`, async () => {
    const storeDir = mkdtempSync(join(tmpdir(), `waymark-growth-${backend}-`));
    const store = await startMongo({
      backend,
      port: await getPort(),
      storeDir,
      database: 'growth',
      durable: false,
      progress: () => {},
    });
    const h = await startHarness(`growth-${backend}`, { storeUri: store.uri, channels: {} });
    // Polls go through a connection of their own, so only the engine's operations are counted.
    const poller = await mongoose.createConnection(store.uri).asPromise();
    const commands: string[] = [];
    mongoose.connection.getClient().on('commandStarted', (event) => {
      const collection = (event.command as Record<string, unknown>)[event.commandName];
      commands.push(`${event.commandName} ${typeof collection === 'string' ? collection : ''}`.trim());
    });
    try {
      const { body } = await h.api<{ id: string }>('POST', '/api/journeys', emailJourney('growth_probe'));
      await h.api('POST', `/api/journeys/${body.id}/publish`);
      const rows: Row[] = (results[backend] = []);
      let stored = 0;
      for (const size of sizes.growth) {
        // A store too slow for its call timeouts at this size is a result too: recorded, and larger sizes skipped.
        const failed = await measureAt(size).then(
          () => undefined,
          (error: unknown) => (error as Error).message,
        );
        if (failed) {
          rows.push({ storedEvents: size, failed });
          break;
        }
      }
      async function measureAt(size: number): Promise<void> {
        await seedStore(size - stored, Math.min(10_000, size / 10), stored);
        stored = size;
        const latencies: number[] = [];
        const opCounts: number[] = [];
        const byCollection: Record<string, number> = {};
        for (let probe = 0; probe < sizes.growthProbes; probe++) {
          const userId = `growth-${size}-${probe}`;
          commands.length = 0;
          await h.track(userId, 'growth_probe', {}, randomUUID());
          await pollUntil(
            'the probe entry to complete',
            async () =>
              (await poller.db!.collection('entries').findOne({ journeyId: body.id, userId, status: 'completed' })) ??
              undefined,
            { timeoutMs: 600_000, intervalMs: 20 },
          );
          // Background work (the sweeper every 15 s, the journey catalog every second) may add an operation to a probe.
          const ops = commands.splice(0);
          const [event, message] = await Promise.all([
            EventModel.findOne({ userId, name: 'growth_probe' }, { receivedAt: 1 }).lean(),
            MessageModel.findOne({ journeyId: body.id, userId }, { history: 1 }).lean(),
          ]);
          latencies.push(message!.history.at(-1)!.at.getTime() - event!.receivedAt.getTime());
          opCounts.push(ops.length);
          for (const op of ops) byCollection[op] = (byCollection[op] ?? 0) + 1 / sizes.growthProbes;
        }
        rows.push({
          storedEvents: size,
          latencyMs: { p50: Math.round(percentile(latencies, 50)), max: Math.round(Math.max(...latencies)) },
          storeOpsPerEvent: round(percentile(opCounts, 50)),
          opsByCollection: Object.fromEntries(Object.entries(byCollection).map(([k, v]) => [k, round(v)])),
        });
      }
    } finally {
      await poller.close();
      await h.stop();
      await store.stop();
      rmSync(storeDir, { recursive: true, force: true });
    }
  });
}
