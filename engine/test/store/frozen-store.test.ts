import mongoose from 'mongoose';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHealth, type HealthReport } from '../../src/health.js';
import { createApp } from '../../src/http/app.js';
import { connectStore, SettingsModel } from '../../src/models/index.js';
import { pollUntil } from '../../src/services/wait.js';
import { isolatedMongoUri, shared } from '../helpers.js';
import { freezableProxy, type FreezableProxy } from './freezable-proxy.js';

describe('a store that stops answering', () => {
  let proxy: FreezableProxy;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const direct = new URL(isolatedMongoUri('frozen'));
    proxy = await freezableProxy(Number(direct.port));
    direct.port = String(proxy.port);
    const storeUri = direct.toString();
    await connectStore(storeUri, { socketTimeoutMS: 2_000, connectTimeoutMS: 2_000, serverSelectionTimeoutMS: 3_000 });
    await SettingsModel.create({ _id: 'workspace' });
    const app = createApp({
      adminToken: 'admin-frozen',
      health: () =>
        checkHealth({
          temporalAddress: shared().temporalAddress,
          store: mongoose.connection,
          storeUri,
          smtpUrl: shared().smtpUrl,
        }),
    });
    server = app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    proxy.thaw();
    server.close();
    await mongoose.disconnect();
    await proxy.close();
  });

  const health = async () => {
    const started = performance.now();
    const response = await fetch(`${base}/health`, { headers: { authorization: 'Bearer admin-frozen' } });
    return {
      status: response.status,
      report: (await response.json()) as HealthReport,
      ms: performance.now() - started,
    };
  };

  it('is reported down by /health within seconds, store calls fail with a timeout, and both recover when it answers again', async () => {
    expect((await health()).report.dependencies.store.status).toBe('up');
    proxy.freeze();

    const down = await health();
    expect(down.status).toBe(503);
    expect(down.report.dependencies.store).toMatchObject({ status: 'down', error: 'no answer within 3 s' });
    expect(down.ms).toBeLessThan(5_000);

    const started = performance.now();
    const error = await SettingsModel.findById('workspace')
      .lean()
      .catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/timed out/i);
    expect(performance.now() - started).toBeLessThan(8_000);

    proxy.thaw();
    await pollUntil(
      'the store to be reported up again',
      async () => ((await health()).report.dependencies.store.status === 'up' ? true : undefined),
      { timeoutMs: 20_000, intervalMs: 250 },
    );
    expect(await SettingsModel.findById('workspace').lean()).toMatchObject({ _id: 'workspace' });
  });
});
