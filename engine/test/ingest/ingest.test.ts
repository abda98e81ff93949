import mongoose from 'mongoose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { ingestRoutes } from '../../src/ingest/routes.js';
import { EventModel, ProfileModel, type StoredEvent } from '../../src/models/index.js';
import { storedRecord } from '../../src/models/stored-json.js';
import { connectIsolatedStore } from '../helpers.js';
import { listen, postJson, type RunningApp } from '../helpers-http.js';

const writeKey = 'wk_test';
const bearer = { authorization: `Bearer ${writeKey}` };

describe('ingestion /v1 (Segment spec)', () => {
  let app: RunningApp;
  const routed: StoredEvent[] = [];

  beforeAll(async () => {
    await connectIsolatedStore('ingest');
    app = await listen(
      createApp({
        health: async () => ({ status: 'ok', dependencies: {} as never }),
        routes: { '/v1': ingestRoutes({ writeKey, onStored: (events) => routed.push(...events) }) },
      }),
    );
  });
  afterAll(async () => {
    await app.close();
    await mongoose.disconnect();
  });
  beforeEach(() => void (routed.length = 0));

  it('rejects calls without the write key (401) or with a wrong one (403)', async () => {
    expect((await postJson(`${app.base}/v1/track`, { userId: 'u', event: 'e' })).status).toBe(401);
    const wrong = await postJson(`${app.base}/v1/track`, { userId: 'u', event: 'e' }, { authorization: 'Bearer nope' });
    expect(wrong).toEqual({
      status: 403,
      body: { error: { code: 'forbidden', message: 'The write key is not valid.' } },
    });
    expect(await EventModel.countDocuments({ userId: 'u' })).toBe(0);
  });

  it('accepts the write key as the HTTP Basic user, as Segment SDKs send it', async () => {
    const basic = { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` };
    const response = await postJson(
      `${app.base}/v1/track`,
      { userId: 'basic-user', event: 'app_opened', messageId: 'basic-1' },
      basic,
    );
    expect(response).toEqual({ status: 200, body: { success: true, stored: 1, duplicates: 0 } });
  });

  it('stores a track call with its properties and timestamp, creates the profile and hands the event to routing', async () => {
    const call = {
      userId: 'shopper',
      event: 'added_to_cart',
      properties: { productId: 'p1', name: 'Tablet case' },
      timestamp: '2027-01-05T10:00:00+09:00',
      messageId: 'track-1',
    };
    expect((await postJson(`${app.base}/v1/track`, call, bearer)).status).toBe(200);
    const stored = await EventModel.findOne({ messageId: 'track-1' }).lean();
    expect(stored).toMatchObject({
      type: 'track',
      userId: 'shopper',
      name: 'added_to_cart',
      properties: { productId: 'p1', name: 'Tablet case' },
    });
    expect(stored?.timestamp.toISOString()).toBe('2027-01-05T01:00:00.000Z');
    expect(stored?.routed).toBe(false);
    expect(await ProfileModel.exists({ userId: 'shopper' })).toBeTruthy();
    expect(routed.map((e) => e.messageId)).toEqual(['track-1']);
  });

  it('dedupes by messageId, also under concurrent retries', async () => {
    const call = { userId: 'dup', event: 'order_completed', messageId: 'dup-1' };
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => postJson(`${app.base}/v1/track`, call, bearer)),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(responses.reduce((sum, r) => sum + r.body.stored, 0)).toBe(1);
    expect(await EventModel.countDocuments({ messageId: 'dup-1' })).toBe(1);
    expect(routed).toHaveLength(1);
  });

  it('merges identify traits into the profile, lifts email/phone/timezone, and keeps the profile before', async () => {
    await postJson(
      `${app.base}/v1/identify`,
      { userId: 'ida', traits: { plan: 'free', email: 'ida@example.com' }, messageId: 'id-1' },
      bearer,
    );
    await postJson(
      `${app.base}/v1/identify`,
      { userId: 'ida', traits: { plan: 'gold', timezone: 'Asia/Seoul' }, messageId: 'id-2' },
      bearer,
    );
    const profile = await ProfileModel.findOne({ userId: 'ida' }).lean();
    expect(profile).toMatchObject({
      traits: { plan: 'gold', email: 'ida@example.com', timezone: 'Asia/Seoul' },
      email: 'ida@example.com',
      timezone: 'Asia/Seoul',
    });
    const second = await EventModel.findOne({ messageId: 'id-2' }).lean();
    expect(second?.profileBefore).toMatchObject({ traits: { plan: 'free', email: 'ida@example.com' } });
  });

  it('stores trait keys the store cannot take as they are, and gives them back as sent', async () => {
    // Keys FerretDB refuses in a $set path: white space at either end (U+0085 too, as Go sees it), ".", "$", "".
    const traits = { 'next line\u0085': 1, ' padded ': 2, 'a.b': 3, $x: 4, '': 5 };
    const { status } = await postJson(`${app.base}/v1/identify`, { userId: 'keys', traits }, bearer);
    expect(status).toBe(200);
    const profile = await ProfileModel.findOne({ userId: 'keys' }).lean();
    expect(storedRecord(profile?.traits)).toEqual(traits);
  });

  it('stores a batch of identify and track calls', async () => {
    const batch = [
      { type: 'identify', userId: 'b1', traits: { tier: 'silver' }, messageId: 'b-1' },
      { type: 'track', userId: 'b1', event: 'product_liked', properties: { productId: 'p9' }, messageId: 'b-2' },
    ];
    const response = await postJson(`${app.base}/v1/batch`, { batch }, bearer);
    expect(response.body).toEqual({ success: true, stored: 2, duplicates: 0 });
    expect(await EventModel.find({ userId: 'b1' }).sort({ messageId: 1 }).distinct('name')).toEqual([
      'identify',
      'product_liked',
    ]);
  });

  it('answers a bad call with 400 naming the field; a bad call of a batch is listed and the others stored', async () => {
    const missing = await postJson(`${app.base}/v1/track`, { userId: 'v' }, bearer);
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(/^Invalid call: event: /),
      details: { issues: [{ field: 'event' }] },
    });

    const batch = [
      { type: 'track', userId: 'v2', event: 'ok', messageId: 'v-ok' },
      { type: 'track', userId: 'v2', messageId: 'v-bad' },
    ];
    const partly = await postJson(`${app.base}/v1/batch`, { batch }, bearer);
    expect(partly).toEqual({
      status: 200,
      body: {
        success: true,
        stored: 1,
        duplicates: 0,
        rejected: [{ index: 1, reason: expect.stringMatching(/^event: /) }],
      },
    });
    expect(await EventModel.find({ userId: 'v2' }).distinct('messageId')).toEqual(['v-ok']);

    const badTime = await postJson(
      `${app.base}/v1/track`,
      { userId: 'v4', event: 'x', timestamp: 'yesterday' },
      bearer,
    );
    expect(badTime.body.error.details.issues[0].field).toBe('timestamp');
  });

  it('answers malformed JSON with 400 and oversized calls with 413', async () => {
    const malformed = await postJson(`${app.base}/v1/track`, '{"userId":', bearer);
    expect(malformed).toEqual({
      status: 400,
      body: { error: { code: 'invalid_json', message: 'The request body is not valid JSON.' } },
    });
    const huge = await postJson(
      `${app.base}/v1/track`,
      { userId: 'big', event: 'x', properties: { blob: 'x'.repeat(40_000) } },
      bearer,
    );
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
    expect(await EventModel.countDocuments({ userId: 'big' })).toBe(0);
  });
});
