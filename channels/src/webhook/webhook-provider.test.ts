import type { IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, readBody, type RunningServer } from '../../test/standins/http.js';
import { createAddressGuard } from '../net/address-guard.js';
import { ProviderError } from '../types.js';
import { createWebhookProvider } from './webhook-provider.js';

const context = { idempotencyKey: 'wf:entry:node:1', messageId: 'm1', userId: 'ann' };
const fast = { allowHttp: true, allow: ['127.0.0.0/8'], backoffMs: 1, timeoutMs: 2_000 };

describe('webhook provider', () => {
  let target: RunningServer;
  const calls: { path: string; method: string; headers: IncomingHttpHeaders; body: string }[] = [];
  const failuresLeft = new Map<string, number>([['/flaky', 2]]);

  beforeAll(async () => {
    target = await listen(async (req, res) => {
      const path = req.url ?? '/';
      calls.push({ path, method: req.method ?? '', headers: req.headers, body: (await readBody(req)).toString() });
      if (path === '/slow') return; // never answers: the sender's timeout has to end it
      if (path === '/bad') return void res.writeHead(400).end('bad');
      if (path === '/redirect') return void res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
      const left = failuresLeft.get(path) ?? 0;
      failuresLeft.set(path, left - 1);
      res.writeHead(left > 0 ? 503 : 200).end('ok');
    });
  });
  afterAll(() => target.close());
  const callsTo = (path: string) => calls.filter((call) => call.path === path);

  it('retries 5xx with backoff and delivers the same request each time', async () => {
    const body = JSON.stringify({ user: 'ann', product: 'Tablet case' });
    const result = await createWebhookProvider(fast).send(
      { url: `${target.url}/flaky`, method: 'POST', headers: { authorization: 'Bearer t' }, body },
      context,
    );
    expect(result).toEqual({ providerMessageId: 'webhook-m1', status: 'delivered' });
    const attempts = callsTo('/flaky');
    expect(attempts).toHaveLength(3);
    for (const call of attempts) {
      expect(call).toMatchObject({
        method: 'POST',
        body,
        headers: {
          authorization: 'Bearer t',
          'content-type': 'application/json',
          'idempotency-key': 'wf:entry:node:1',
        },
      });
    }
  });

  it('gives up after the configured retries', async () => {
    failuresLeft.set('/down', 100);
    await expect(
      createWebhookProvider({ ...fast, retries: 2 }).send({ url: `${target.url}/down`, method: 'POST' }, context),
    ).rejects.toMatchObject({
      code: 'unavailable',
      retryable: true,
      message: expect.stringContaining('HTTP 503 (attempt 3)'),
    });
    expect(callsTo('/down')).toHaveLength(3);
  });

  it('does not retry 4xx or follow redirects', async () => {
    await expect(
      createWebhookProvider(fast).send({ url: `${target.url}/bad`, method: 'PUT' }, context),
    ).rejects.toMatchObject({ code: 'rejected', retryable: false });
    expect(callsTo('/bad')).toHaveLength(1);
    await expect(
      createWebhookProvider(fast).send({ url: `${target.url}/redirect`, method: 'GET' }, context),
    ).rejects.toMatchObject({ code: 'rejected', message: expect.stringContaining('HTTP 302') });
  });

  it('times out each attempt and retries', async () => {
    await expect(
      createWebhookProvider({ ...fast, timeoutMs: 150, retries: 1 }).send(
        { url: `${target.url}/slow`, method: 'POST', body: '{}' },
        context,
      ),
    ).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('timed out after 150 ms') });
    expect(callsTo('/slow')).toHaveLength(2);
  });

  it('requires https unless http is allowed', async () => {
    await expect(
      createWebhookProvider({ allow: ['127.0.0.1'] }).send({ url: `${target.url}/flaky`, method: 'POST' }, context),
    ).rejects.toMatchObject({ code: 'rejected', message: expect.stringContaining('https') });
  });

  describe('SSRF guard', () => {
    const guarded = createWebhookProvider({ allowHttp: true, backoffMs: 1 });
    const port = () => new URL(target.url).port;

    it.each([
      ['loopback literal', () => `http://127.0.0.1:${port()}/flaky`],
      ['a name that resolves to loopback', () => `http://localhost:${port()}/flaky`],
      ['IPv6 loopback', () => `http://[::1]:${port()}/flaky`],
      ['IPv4-mapped IPv6 loopback', () => `http://[::ffff:127.0.0.1]:${port()}/flaky`],
      ['private range', () => 'https://10.1.2.3/hook'],
      ['cloud metadata (link-local)', () => 'http://169.254.169.254/latest/meta-data/'],
      ['unspecified address', () => `http://0.0.0.0:${port()}/flaky`],
    ])('blocks %s', async (_name, url) => {
      const before = calls.length;
      const error = await guarded
        .send({ url: url(), method: 'POST', body: '{}' }, context)
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ code: 'blocked_address', retryable: false });
      expect(calls.length).toBe(before);
    });

    it('lets allowed hosts and ranges through', async () => {
      for (const [allow, host] of [
        ['localhost', 'localhost'],
        ['127.0.0.0/8', '127.0.0.1'],
        ['127.0.0.1', '127.0.0.1'],
      ] as const) {
        const before = callsTo('/ok').length;
        await createWebhookProvider({ allowHttp: true, allow: [allow] }).send(
          { url: `http://${host}:${port()}/ok`, method: 'POST' },
          context,
        );
        expect(callsTo('/ok').length).toBe(before + 1);
      }
    });

    it('passes public addresses and checks every resolved address', async () => {
      const guard = createAddressGuard(['10.0.0.0/8']);
      expect(() => guard.checkUrl(new URL('https://93.184.216.34/'))).not.toThrow();
      expect(() => guard.checkUrl(new URL('https://[2606:2800:220:1::]/'))).not.toThrow();
      expect(() => guard.checkUrl(new URL('https://10.9.9.9/'))).not.toThrow();
      expect(() => guard.checkUrl(new URL('https://192.168.1.1/'))).toThrow(ProviderError);
      expect(() => guard.checkUrl(new URL('https://[fd00::1]/'))).toThrow(ProviderError);
      expect(() => guard.checkUrl(new URL('https://100.64.0.1/'))).toThrow(ProviderError);
      const resolved = await new Promise<unknown>((resolve) =>
        guard.lookup('localhost', { all: true }, (error) => resolve(error)),
      );
      expect(resolved).toMatchObject({ code: 'blocked_address' });
    });
  });
});
