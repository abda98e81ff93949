import getPort from 'get-port';
import mongoose from 'mongoose';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHealth, type HealthReport } from '../../src/health.js';
import { createApp } from '../../src/http/app.js';
import { isolatedMongoUri, shared } from '../helpers.js';

const admin = { authorization: 'Bearer admin-health' };

describe('GET /health and the error format', () => {
  let connection: mongoose.Connection;
  let server: Server;
  let base: string;
  let smtpUrl: string;

  beforeAll(async () => {
    const storeUri = isolatedMongoUri('health');
    connection = await mongoose.createConnection(storeUri).asPromise();
    smtpUrl = shared().smtpUrl;
    const app = createApp({
      adminToken: 'admin-health',
      health: () =>
        checkHealth({
          temporalAddress: shared().temporalAddress,
          store: connection,
          storeUri,
          storeKind: shared().mongoSource,
          smtpUrl,
        }),
    });
    server = app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    server.close();
    await connection.close();
  });

  it('reports Temporal, the store and SMTP as up', async () => {
    const response = await fetch(`${base}/health`, { headers: admin });
    const report = (await response.json()) as HealthReport;
    expect(response.status).toBe(200);
    expect(report.status).toBe('ok');
    expect(report.dependencies.temporal).toMatchObject({ status: 'up', target: shared().temporalAddress });
    expect(report.dependencies.store).toMatchObject({ status: 'up', kind: shared().mongoSource });
    expect(report.dependencies.smtp.status).toBe('up');
  });

  it('answers 503 and names the dependency that is down', async () => {
    smtpUrl = `smtp://127.0.0.1:${await getPort()}`;
    const response = await fetch(`${base}/health`, { headers: admin });
    const report = (await response.json()) as HealthReport;
    smtpUrl = shared().smtpUrl;
    expect(response.status).toBe(503);
    expect(report.status).toBe('degraded');
    expect(report.dependencies.smtp).toMatchObject({ status: 'down', error: expect.stringContaining('ECONNREFUSED') });
    expect(report.dependencies.temporal.status).toBe('up');
  });

  it('shows only the status without the admin token (no internal addresses), and rejects query parameters', async () => {
    for (const headers of [
      {},
      { authorization: 'Bearer wrong' },
      { authorization: `Basic ${Buffer.from('admin-health:').toString('base64')}` },
    ] as Record<string, string>[]) {
      const response = await fetch(`${base}/health`, { headers });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok' });
    }
    expect((await fetch(`${base}/health?verbose=1`)).status).toBe(400);
  });

  it('answers unknown API routes with the JSON error format', async () => {
    const response = await fetch(`${base}/api/nothing-here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 'not_found', message: 'No route for GET /api/nothing-here' },
    });
  });
});
