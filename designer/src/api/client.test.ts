// @vitest-environment node
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, createApiClient } from './client';
import { fetchHealth } from './health';

/** A real HTTP server answering like the engine does. */
let server: Server;
let base: string;
const seen: { method?: string; url?: string; authorization?: string; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, authorization: req.headers.authorization, body });
      const json = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      if (req.url === '/api/journeys' && req.method === 'POST')
        return json(201, { id: 'j1', name: JSON.parse(body).name });
      if (req.url === '/api/journeys/missing')
        return json(404, { error: { code: 'not_found', message: 'No journey "missing"' } });
      if (req.url === '/api/hang') return; // never answers, like a stuck engine
      if (req.url === '/health')
        return json(503, {
          status: 'degraded',
          dependencies: { smtp: { status: 'down', target: 'smtp://x', latencyMs: 1, error: 'ECONNREFUSED' } },
        });
      res.writeHead(500);
      res.end('boom');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

describe('api client', () => {
  it('sends JSON with the admin token and returns the parsed answer', async () => {
    const api = createApiClient({ baseUrl: base, token: () => 'wm_admin_x' });
    expect(await api.post('/api/journeys', { name: 'Cart reminder' })).toEqual({ id: 'j1', name: 'Cart reminder' });
    expect(seen.at(-1)).toMatchObject({
      method: 'POST',
      authorization: 'Bearer wm_admin_x',
      body: '{"name":"Cart reminder"}',
    });
  });

  it("turns the engine's error format into an ApiError", async () => {
    const seenErrors: ApiError[] = [];
    const error = await createApiClient({ baseUrl: base, onError: (e) => seenErrors.push(e) })
      .get('/api/journeys/missing')
      .catch((e: unknown) => e);
    expect(seenErrors).toEqual([error]);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, code: 'not_found', message: 'No journey "missing"' });
  });

  it('gives up on an engine that does not answer, with a timeout error that says so', async () => {
    const seenErrors: ApiError[] = [];
    const started = Date.now();
    const error = await createApiClient({ baseUrl: base, timeoutMs: 300, onError: (e) => seenErrors.push(e) })
      .get('/api/hang')
      .catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toMatchObject({
      status: 0,
      code: 'timeout',
      message: expect.stringContaining('did not answer within'),
    });
    expect(seenErrors).toEqual([error]);
  });

  it('reports an engine that cannot be reached', async () => {
    await expect(createApiClient({ baseUrl: 'http://127.0.0.1:1' }).get('/api/journeys')).rejects.toMatchObject({
      status: 0,
      code: 'unreachable',
    });
  });

  it('reports a non-JSON failure with the status', async () => {
    await expect(createApiClient({ baseUrl: base }).get('/api/explode')).rejects.toMatchObject({
      status: 500,
      code: 'http_error',
      message: 'GET /api/explode answered 500',
    });
  });

  it('reads a degraded /health (503) as a report', async () => {
    const report = await fetchHealth(fetch, base);
    expect(report.status).toBe('degraded');
    expect(report.dependencies?.smtp).toMatchObject({ status: 'down', error: 'ECONNREFUSED' });
  });
});
