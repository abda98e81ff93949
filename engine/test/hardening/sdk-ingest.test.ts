import { Analytics as SegmentAnalytics } from '@segment/analytics-node';
import RudderAnalytics from '@rudderstack/rudder-sdk-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventModel, ProfileModel } from '../../src/models/index.js';
import { pollUntil } from '../../src/services/wait.js';
import { startHarness, tokens, type Harness } from '../engine-harness.js';
import { postJson } from '../helpers-http.js';

/** Per user: identify, track, page, screen, group, and an anonymous track linked by a later identify. */
const CALLS_PER_USER = 7;
const USERS = 150;
const DAY_MS = 86_400_000;

/** What one SDK client (with its default settings) sends for `users` users; returns the calls made. */
function sendAll(
  client: {
    identify(m: object): unknown;
    track(m: object): unknown;
    page(m: object): unknown;
    screen(m: object): unknown;
    group(m: object): unknown;
    alias(m: object): unknown;
  },
  prefix: string,
  users: number,
): number {
  for (let i = 0; i < users; i++) {
    const userId = `${prefix}-${i}`;
    const anonymousId = `${prefix}-anon-${i}`;
    client.track({ anonymousId, event: 'landing_viewed', properties: { seq: i } });
    client.identify({ userId, anonymousId, traits: { seq: i, email: `${userId}@example.com` } });
    client.track({
      userId,
      event: 'added_to_cart',
      properties: { seq: i, 'product.id': `p${i}`, $price: 9.5, matrix: [[1, 2], [3]] },
    });
    client.page({ userId, name: 'Pricing', category: 'Docs', properties: { seq: i } });
    client.screen({ userId, name: 'Home', properties: { seq: i } });
    client.group({ userId, groupId: `org-${i % 10}`, traits: { seq: i } });
    client.alias({ userId, previousId: `${prefix}-old-${i}` });
  }
  return users * CALLS_PER_USER;
}

describe('real analytics SDKs with their defaults against the engine', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('sdk-ingest', { worker: false, smtp: false });
  });
  afterAll(async () => h?.stop());

  const storedOf = (prefix: string) => EventModel.countDocuments({ userId: { $regex: `^${prefix}-\\d+$` } });

  async function expectEveryCallOnce(prefix: string, sent: number): Promise<void> {
    await pollUntil(`${sent} events of ${prefix}`, async () => ((await storedOf(prefix)) >= sent ? true : undefined), {
      timeoutMs: 60_000,
      intervalMs: 250,
    });
    expect(await storedOf(prefix)).toBe(sent);
    const names = await EventModel.aggregate<{ _id: string; n: number }>([
      { $match: { userId: { $regex: `^${prefix}-\\d+$` } } },
      { $group: { _id: '$name', n: { $sum: 1 } } },
    ]);
    expect(Object.fromEntries(names.map((n) => [n._id, n.n]))).toEqual({
      identify: USERS,
      landing_viewed: USERS,
      added_to_cart: USERS,
      page: USERS,
      screen: USERS,
      group: USERS,
      alias: USERS,
    });
    // The anonymous landing belongs to the user since identify linked them; nothing is left under the anonymous id.
    expect(await EventModel.countDocuments({ userId: { $regex: `^${prefix}-anon-` } })).toBe(0);
    const profile = await h.api('GET', `/api/profiles/${prefix}-7`);
    expect(profile.body.traits).toMatchObject({ seq: 7, email: `${prefix}-7@example.com` });
    const cart = profile.body.events.find((e: { name: string }) => e.name === 'added_to_cart');
    expect(cart.properties).toEqual({ seq: 7, 'product.id': 'p7', $price: 9.5, matrix: [[1, 2], [3]] });
    // Clock-skew corrected to the engine's clock.
    expect(Math.abs(Date.parse(cart.timestamp) - Date.now())).toBeLessThan(120_000);
  }

  it('@segment/analytics-node: every call stored exactly once', async () => {
    const errors: unknown[] = [];
    const analytics = new SegmentAnalytics({ writeKey: tokens.writeKey, host: h.app.base });
    analytics.on('error', (error) => errors.push(error));
    const sent = sendAll(analytics, 'seg', USERS);
    await analytics.closeAndFlush({ timeout: 60_000 });
    expect(errors).toEqual([]);
    await expectEveryCallOnce('seg', sent);
  }, 120_000);

  it('@rudderstack/rudder-sdk-node (gzip labelled as a form): every call stored exactly once, originalTimestamp kept', async () => {
    const errors: unknown[] = [];
    const rudder = new RudderAnalytics(tokens.writeKey, {
      dataPlaneUrl: h.app.base,
      logLevel: 'error',
      errorHandler: (error) => errors.push(error),
    });
    const sent = sendAll(rudder, 'rud', USERS);
    const twoDaysAgo = new Date(Date.now() - 2 * DAY_MS);
    rudder.track({ userId: 'rud-late', event: 'imported', originalTimestamp: twoDaysAgo, properties: {} } as never);
    await rudder.flush();
    expect(errors).toEqual([]);
    await expectEveryCallOnce('rud', sent);
    const late = await pollUntil(
      'the imported event',
      async () => (await EventModel.findOne({ userId: 'rud-late' }).lean()) ?? undefined,
    );
    expect(Math.abs(late.timestamp.getTime() - twoDaysAgo.getTime())).toBeLessThan(60_000);
  }, 120_000);
});

describe('calls as the Segment HTTP API takes them', () => {
  let h: Harness;
  let url: string;
  const basic = { authorization: `Basic ${Buffer.from(`${tokens.writeKey}:`).toString('base64')}` };
  beforeAll(async () => {
    h = await startHarness('segment-http', { worker: false, smtp: false });
    url = h.app.base;
  });
  afterAll(async () => h?.stop());

  it('takes numeric ids, timestamps without a zone or in epoch ms, the writeKey in the body and text/plain', async () => {
    const epoch = Date.UTC(2027, 0, 5, 10, 0, 0);
    expect(
      (
        await postJson(`${url}/v1/track`, {
          userId: 42,
          event: 'n',
          messageId: 7,
          timestamp: epoch,
          writeKey: tokens.writeKey,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await postJson(
          `${url}/v1/identify`,
          { userId: 'zoneless', timestamp: '2027-01-05T10:00:00', traits: { a: 1 } },
          basic,
        )
      ).status,
    ).toBe(200);
    const plain = await fetch(`${url}/v1/page`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', ...basic },
      body: JSON.stringify({ anonymousId: 'beacon', name: 'Home' }),
    });
    expect(plain.status).toBe(200);
    expect(await EventModel.findOne({ messageId: '7' }).lean()).toMatchObject({
      userId: '42',
      name: 'n',
      timestamp: new Date(epoch),
    });
    expect((await EventModel.findOne({ userId: 'zoneless' }).lean())?.timestamp.toISOString()).toBe(
      '2027-01-05T10:00:00.000Z',
    );
    expect(await EventModel.findOne({ userId: 'beacon' }).lean()).toMatchObject({
      name: 'page',
      properties: { name: 'Home' },
    });
    expect((await postJson(`${url}/v1/track`, { userId: 'x', event: 'n', writeKey: 'wrong' })).status).toBe(403);
  });

  it('stores the valid calls of a batch with a bad one and names the bad one; any JSON keys stored safely, too deep refused', async () => {
    const deep = (levels: number): unknown => (levels === 0 ? 1 : { d: deep(levels - 1) });
    const odd = { 'a.b': 1, $where: 2, 'nul\0': 'a\0b', 'cr\r': 4, '': 5, nested: [[[]]], deep: deep(60) };
    const batch = [
      ...Array.from({ length: 10 }, (_, i) => ({ type: 'identify', userId: `mix-${i}`, traits: { i } })),
      { type: 'track', userId: 'mix-keys', event: 'odd', properties: odd },
      { type: 'track', userId: 'mix-deep', event: 'odd', properties: { deep: deep(100) } },
      { type: 'track', event: 'nobody' },
    ];
    const response = await postJson(`${url}/v1/batch`, { batch }, basic);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      stored: 11,
      rejected: [
        { index: 11, reason: expect.stringContaining('nested deeper than 64') },
        { index: 12, reason: expect.stringContaining('userId') },
      ],
    });
    expect(await ProfileModel.countDocuments({ userId: { $regex: '^mix-\\d$' } })).toBe(10);
    const profile = await h.api('GET', '/api/profiles/mix-keys');
    expect(profile.body.events[0].properties).toEqual(odd);
    expect(await EventModel.countDocuments({ userId: 'mix-deep' })).toBe(0);
    const single = await postJson(`${url}/v1/identify`, { userId: 'too-deep', traits: { deep: deep(100) } }, basic);
    expect(single.status).toBe(400);
    expect(single.body.error.message).toContain('nested deeper than 64');
  });

  it('upserts concurrent first identifies of one new user, and identify merges an anonymous user', async () => {
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        postJson(`${url}/v1/identify`, { userId: 'racer', traits: { [`t${i}`]: i } }, basic),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(await ProfileModel.countDocuments({ userId: 'racer' })).toBe(1);
    expect(Object.keys((await ProfileModel.findOne({ userId: 'racer' }).lean())!.traits as object).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `t${i}`).sort(),
    );

    await postJson(
      `${url}/v1/batch`,
      {
        batch: [
          { type: 'identify', anonymousId: 'anon-1', traits: { source: 'ad', plan: 'trial' } },
          { type: 'track', anonymousId: 'anon-1', event: 'visited' },
        ],
      },
      basic,
    );
    await postJson(`${url}/v1/identify`, { userId: 'known', traits: { plan: 'paid' } }, basic);
    await postJson(`${url}/v1/identify`, { userId: 'known', anonymousId: 'anon-1' }, basic);
    await postJson(`${url}/v1/track`, { anonymousId: 'anon-1', event: 'after_link' }, basic);
    expect((await ProfileModel.findOne({ userId: 'known' }).lean())?.traits).toEqual({ source: 'ad', plan: 'paid' });
    expect(await ProfileModel.exists({ userId: 'anon-1' })).toBeNull();
    expect((await EventModel.find({ userId: 'known' }).lean()).map((e) => e.name).sort()).toEqual([
      'after_link',
      'identify',
      'identify',
      'identify',
      'visited',
    ]);
  });
});
