import { Client, Connection } from '@temporalio/client';
import getPort from 'get-port';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { config } from '../../src/config.js';
import { cachedBinary, findOnPath, temporalCli } from '../../src/services/binaries.js';
import { ServiceStartError } from '../../src/services/errors.js';
import { binDir } from '../../src/services/paths.js';
import { ensureSearchAttributes, startTemporal, type TemporalService } from '../../src/services/temporal.js';
import { isPortOpen } from '../../src/services/wait.js';
import { shared } from '../helpers.js';
import { rebindablePort } from '../ports.js';

const quiet = () => {};
const builtCli = () => join(binDir(), `${temporalCli.name}-${temporalCli.version}`, temporalCli.name);

async function customAttributes(address: string): Promise<Record<string, unknown>> {
  const connection = await Connection.connect({ address });
  try {
    return (await connection.operatorService.listSearchAttributes({ namespace: 'default' })).customAttributes ?? {};
  } finally {
    await connection.close();
  }
}

describe('Temporal service resolution', () => {
  const started: TemporalService[] = [];
  afterEach(async () => {
    for (const service of started.splice(0)) await service.stop();
  });

  it('the shared server comes from the first step available here and has the Waymark search attributes', async () => {
    const expected = config().temporalAddress
      ? 'TEMPORAL_ADDRESS'
      : config().temporalCliPath || findOnPath('temporal')
        ? 'binary'
        : 'built from Go module';
    expect(shared().temporalSource).toBe(expected);
    expect(Object.keys(await customAttributes(shared().temporalAddress))).toEqual(
      expect.arrayContaining(['WaymarkJourneyId', 'WaymarkJourneyVersion', 'WaymarkUserId', 'WaymarkNode']),
    );
  });

  it('uses TEMPORAL_ADDRESS when set, starting nothing', async () => {
    const port = await getPort();
    const service = await startTemporal({
      address: shared().temporalAddress,
      port,
      uiPort: await getPort(),
      ui: false,
      progress: quiet,
    });
    expect(service).toMatchObject({ source: 'TEMPORAL_ADDRESS', address: shared().temporalAddress });
    expect(await isPortOpen(port)).toBe(false);
  });

  it('reports an unreachable TEMPORAL_ADDRESS with what to do', async () => {
    const error = await startTemporal({
      address: `127.0.0.1:${await getPort()}`,
      port: await getPort(),
      uiPort: await getPort(),
      ui: false,
      progress: quiet,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceStartError);
    expect((error as Error).message).toMatch(/TEMPORAL_ADDRESS.*unset TEMPORAL_ADDRESS/s);
  }, 20_000);

  it('starts TEMPORAL_CLI_PATH with the UI, and stops it cleanly', async () => {
    const [port, uiPort] = [await getPort(), await getPort()];
    const service = await startTemporal({ cliPath: builtCli(), port, uiPort, ui: true, progress: quiet });
    started.push(service);
    expect(service.source).toBe('binary');
    expect((await fetch(`http://127.0.0.1:${uiPort}/`)).status).toBe(200);
    await service.stop();
    expect(await isPortOpen(port)).toBe(false);
  });

  it('refuses a taken port, naming the variable to change', async () => {
    const error = await startTemporal({
      port: Number(shared().temporalAddress.split(':')[1]),
      uiPort: await getPort(),
      ui: false,
      progress: quiet,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceStartError);
    expect((error as Error).message).toContain('TEMPORAL_PORT');
  });

  it('keeps workflows in its SQLite file across restarts and re-registers missing search attributes', async () => {
    const dbFile = join(mkdtempSync(join(tmpdir(), 'waymark-temporal-')), 'temporal.sqlite');
    const port = await rebindablePort();
    const options = { cliPath: builtCli(), port, uiPort: await getPort(), ui: false, dbFile, progress: quiet };

    const first = await startTemporal(options);
    const connection = await Connection.connect({ address: first.address });
    const client = new Client({ connection });
    await client.workflow.start('journey', { taskQueue: 'nobody-polls', workflowId: 'durable-check' });
    await connection.operatorService.removeSearchAttributes({
      namespace: 'default',
      searchAttributes: ['WaymarkNode'],
    });
    await connection.close();
    await first.stop();

    const second = await startTemporal(options);
    started.push(second);
    const again = await Connection.connect({ address: second.address });
    const description = await new Client({ connection: again }).workflow.getHandle('durable-check').describe();
    await again.close();
    expect(description.status.name).toBe('RUNNING');
    expect(Object.keys(await customAttributes(second.address))).toContain('WaymarkNode');
    expect(await ensureSearchAttributes(second.address)).toEqual([]);
  });
});

describe('cached binaries', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('builds once into the bin dir and reuses the result', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'waymark-bin-'));
    const build = vi.fn(async (output: string) => writeFileSync(output, '#!/bin/sh\necho fake\n', { mode: 0o755 }));
    const binary = { name: 'fake', version: 'v0.0.1', title: 'Fake tool', tool: 'go', build };
    const messages: string[] = [];
    const first = await cachedBinary(binary, (m) => messages.push(m), dir);
    const second = await cachedBinary(binary, (m) => messages.push(m), dir);
    expect(first).toBe(join(dir, 'fake-v0.0.1', 'fake'));
    expect(second).toBe(first);
    expect(build).toHaveBeenCalledTimes(1);
    expect(messages[0]).toMatch(/building Fake tool v0.0.1 with go, first run only/);
  });

  it('leaves nothing behind when a build fails, so the next run retries', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'waymark-bin-'));
    const binary = {
      name: 'broken',
      version: 'v1',
      title: 'Broken',
      tool: 'go',
      build: async () => Promise.reject(new Error('compile error')),
    };
    await expect(cachedBinary(binary, quiet, dir)).rejects.toThrow('compile error');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('returns undefined when the build tool is not installed', async () => {
    vi.stubEnv('PATH', '/nonexistent');
    const dir = mkdtempSync(join(tmpdir(), 'waymark-bin-'));
    expect(await cachedBinary({ ...temporalCli, version: 'v0-test' }, quiet, dir)).toBeUndefined();
  });
});
