// @vitest-environment node
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from './client';
import { resolveSession, type TokenStorage } from './session';
import { createWaymarkApi, type WaymarkApi } from './waymark-api';

/** A local HTTP server standing in for the engine: records each request and answers `{ echo: <method> <url> }`. */
let server: Server;
let base: string;
let devSession = true;
const requests: { method: string; url: string; body: unknown }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      requests.push({ method: req.method!, url: req.url!, body: body ? JSON.parse(body) : undefined });
      res.writeHead(200, { 'content-type': 'application/json' });
      const payload =
        req.url === '/api/session'
          ? { ...(devSession ? { adminToken: 'wm_dev' } : {}), temporalUiUrl: 'https://temporal.example.com' }
          : { journeys: ['j'], messages: ['m'], steps: ['s'], names: ['n'], echo: `${req.method} ${req.url}` };
      res.end(JSON.stringify(payload));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const emptySettings = { contactPolicy: { frequencyCaps: [], throttle: {} }, providers: {} };
const document = { name: 'Cart', graph: { nodes: [], edges: [] }, settings: {} };

const calls: [string, (api: WaymarkApi) => Promise<unknown>, string, unknown?][] = [
  ['listJourneys', (api) => api.listJourneys(), 'GET /api/journeys'],
  ['createJourney', (api) => api.createJourney(document), 'POST /api/journeys', document],
  ['getJourney', (api) => api.getJourney('cart 1'), 'GET /api/journeys/cart%201'],
  ['saveJourney', (api) => api.saveJourney('c', document, 3), 'PUT /api/journeys/c', { ...document, revision: 3 }],
  ['deleteJourney', (api) => api.deleteJourney('c'), 'DELETE /api/journeys/c'],
  ['validateJourney', (api) => api.validateJourney(document), 'POST /api/journeys/validate', document],
  ['publishJourney', (api) => api.publishJourney('c'), 'POST /api/journeys/c/publish'],
  [
    'publishJourney entering matches',
    (api) => api.publishJourney('c', { enterMatching: true }),
    'POST /api/journeys/c/publish',
    { enterMatching: true },
  ],
  [
    'estimateSegment',
    (api) => api.estimateSegment({ attr: 'profile.tier', op: 'exists' }),
    'POST /api/segments/estimate',
    { condition: { attr: 'profile.tier', op: 'exists' } },
  ],
  ['pause', (api) => api.changeStatus('c', 'pause'), 'POST /api/journeys/c/pause'],
  ['getVersion', (api) => api.getVersion('c', 2), 'GET /api/journeys/c/versions/2'],
  [
    'simulateJourney',
    (api) => api.simulateJourney('c', { profile: { plan: 'gold' } }),
    'POST /api/journeys/c/simulate',
    { profile: { plan: 'gold' } },
  ],
  [
    'sendTest',
    (api) => api.sendTest('c', { userId: 'u1', nodeId: 'm', data: { channel: 'sms', template: { body: 'hi' } } }),
    'POST /api/journeys/c/test-send',
    { userId: 'u1', nodeId: 'm', data: { channel: 'sms', template: { body: 'hi' } } },
  ],
  ['journeyStats', (api) => api.journeyStats('c', 2), 'GET /api/journeys/c/stats?version=2'],
  ['getProfile', (api) => api.getProfile('u/1'), 'GET /api/profiles/u%2F1'],
  ['listMessages', (api) => api.listMessages({ userId: 'u1', journeyId: '' }), 'GET /api/messages?userId=u1'],
  ['listSteps', (api) => api.listSteps(), 'GET /api/steps'],
  ['eventNames', (api) => api.eventNames('cart &'), 'GET /api/events/names?prefix=cart+%26&limit=20'],
  ['getSettings', (api) => api.getSettings(), 'GET /api/settings'],
  ['saveSettings', (api) => api.saveSettings(emptySettings), 'PUT /api/settings', emptySettings],
];

describe('waymark api', () => {
  it.each(calls)('%s sends %s', async (_name, call, request, body) => {
    await call(createWaymarkApi(createApiClient({ baseUrl: base, token: () => 'wm_admin' })));
    const [method, url] = request.split(' ');
    expect(requests.at(-1)).toEqual({ method, url, body });
  });

  it('unwraps list answers', async () => {
    const api = createWaymarkApi(createApiClient({ baseUrl: base }));
    expect(await api.listJourneys()).toEqual(['j']);
    expect(await api.listSteps()).toEqual(['s']);
    expect(await api.eventNames('')).toEqual(['n']);
  });
});

describe('session', () => {
  const memory = (initial: Record<string, string> = {}): TokenStorage & { items: Record<string, string> } => {
    const items = { ...initial };
    return {
      items,
      getItem: (key) => items[key] ?? null,
      setItem: (key, value) => void (items[key] = value),
      removeItem: (key) => void delete items[key],
    };
  };

  it('logs in with the dev session when the engine offers one', async () => {
    devSession = true;
    expect(await resolveSession(memory({ 'waymark.adminToken': 'old' }), fetch, base)).toEqual({
      kind: 'ready',
      token: 'wm_dev',
      temporalUiUrl: 'https://temporal.example.com',
    });
  });

  it('uses the stored token, else asks for one, when there is no dev session; the Temporal UI URL comes from the engine either way', async () => {
    devSession = false;
    expect(await resolveSession(memory({ 'waymark.adminToken': 'mine' }), fetch, base)).toEqual({
      kind: 'ready',
      token: 'mine',
      temporalUiUrl: 'https://temporal.example.com',
    });
    expect(await resolveSession(memory(), fetch, base)).toEqual({
      kind: 'login',
      temporalUiUrl: 'https://temporal.example.com',
    });
    expect(await resolveSession(memory(), fetch, 'http://127.0.0.1:1')).toEqual({ kind: 'login' });
  });
});
