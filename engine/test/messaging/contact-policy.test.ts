import { ProviderRegistry, type ProviderDefinition } from '@waymark/channels';
import { quietHoursEnd, type RequestPayloads } from '@waymark/workflows';
import { DateTime } from 'luxon';
import mongoose from 'mongoose';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sendMessage, type SendRequest } from '../../src/messaging/send.js';
import { SharedRateLimiter } from '../../src/messaging/rate-limit.js';
import { pollUntil } from '../../src/services/wait.js';
import { MessageModel } from '../../src/models/index.js';
import type { WorkspaceSettings } from '@waymark/workflows/api';
import { SettingsStore } from '../../src/settings/settings-store.js';
import { connectIsolatedStore } from '../helpers.js';

/** Provider calls as the recording SMS and email providers saw them. */
const calls: { channel: string; at: number; to: string }[] = [];
/** Set to make the next provider call never return, as if the worker died inside it. */
let hangNext = false;
const recording = (channel: 'sms' | 'email'): ProviderDefinition => ({
  channel,
  name: 'recording',
  secrets: [],
  create: () => ({
    name: 'recording',
    async verify() {},
    async send(message) {
      calls.push({ channel, at: Date.now(), to: (message as { to: string }).to });
      if (hangNext) {
        hangNext = false;
        await new Promise(() => {});
      }
      return { providerMessageId: `p-${calls.length}`, status: 'sent' as const };
    },
  }),
});

const store = new SettingsStore(new ProviderRegistry().register(recording('sms')).register(recording('email')), {}, 0);
const deps = {
  settings: () => store.active(),
  limiter: new SharedRateLimiter(),
  emailFrom: 'Shop <shop@example.com>',
  tracking: { baseUrl: 'http://waymark.test', secret: 's' },
};
const providers = { sms: { provider: 'recording' }, email: { provider: 'recording' } };
const policy = (contactPolicy: Partial<WorkspaceSettings['contactPolicy']>) => store.save({ contactPolicy, providers });

const sms = { channel: 'sms' as const, template: { body: 'Hi {{ profile.first_name }}' } };
const email = { channel: 'email' as const, template: { subject: 'Hi', text: 'hello' } };

function request(
  userId: string,
  message: RequestPayloads['send']['message'],
  options: {
    transactional?: boolean;
    bypass?: boolean;
    timezone?: string;
    consent?: SendRequest['consent'];
    key?: string;
  } = {},
): SendRequest {
  return {
    entry: { workflowId: `wf-${userId}`, journeyId: 'j', version: 1, userId },
    journey: { id: 'j', name: 'Policy', version: 1 },
    nodeId: 'm',
    idempotencyKey: options.key ?? randomUUID(),
    payload: {
      message,
      transactional: options.transactional ?? false,
      contactPolicy: options.bypass ? 'bypass' : 'default',
      trigger: { name: 'go', messageId: 'e1', timestamp: new Date().toISOString(), properties: {} },
    },
    profile: {
      userId,
      first_name: 'Ann',
      email: `${userId}@example.com`,
      phone: '+15550100',
      ...(options.timezone ? { timezone: options.timezone } : {}),
    },
    consent: options.consent ?? {},
  };
}

/** A quiet window of two hours around now in `zone`, as HH:mm. */
function windowAroundNow(zone: string) {
  const local = DateTime.now().setZone(zone);
  return { start: local.minus({ hours: 1 }).toFormat('HH:mm'), end: local.plus({ hours: 1 }).toFormat('HH:mm') };
}

describe('contact policy at send time', () => {
  beforeAll(async () => {
    await connectIsolatedStore('policy');
  });
  afterAll(async () => mongoose.disconnect());
  beforeEach(() => void calls.splice(0));

  it('defers a message in quiet hours to the end of the window in the user zone, then sends it under the same key', async () => {
    const window = windowAroundNow('Asia/Seoul');
    await policy({ quietHours: { ...window, action: 'defer' } });
    const held = request(`q-${randomUUID()}`, sms, { timezone: 'Asia/Seoul' });
    const outcome = await sendMessage(deps, held);
    const expectedEnd = quietHoursEnd(new Date().toISOString(), 'Asia/Seoul', window)!;
    expect(outcome).toMatchObject({ status: 'deferred', reason: 'quiet_hours', channel: 'sms' });
    expect(Math.abs(Date.parse(outcome.until!) - Date.parse(expectedEnd))).toBeLessThan(60_000);
    expect(calls).toEqual([]);
    expect(await MessageModel.findOne({ key: held.idempotencyKey }).lean()).toMatchObject({
      status: 'deferred',
      deferredUntil: new Date(outcome.until!),
    });

    // When the workflow wakes at the end of the window it asks again with the same key.
    await policy({});
    expect(await sendMessage(deps, held)).toMatchObject({ status: 'sent', channel: 'sms' });
    const stored = await MessageModel.findOne({ key: held.idempotencyKey }).lean();
    expect(stored?.history.map((h) => h.status)).toEqual(['deferred', 'sending', 'sent']);
    expect(stored?.deferredUntil).toBeUndefined();
    expect(calls).toHaveLength(1);
  });

  it('skips in quiet hours when told to, and quiet hours follow each user zone', async () => {
    await policy({ quietHours: { ...windowAroundNow('Asia/Seoul'), action: 'skip' } });
    expect(await sendMessage(deps, request(`s-${randomUUID()}`, sms, { timezone: 'Asia/Seoul' }))).toMatchObject({
      status: 'skipped',
      reason: 'quiet_hours',
    });
    // Twelve hours away it is the middle of the day for the same instant.
    expect(await sendMessage(deps, request(`s-${randomUUID()}`, sms, { timezone: 'America/Santiago' }))).toMatchObject({
      status: 'sent',
    });
  });

  it('falls back to a channel outside the quiet-hours list', async () => {
    await policy({ quietHours: { ...windowAroundNow('UTC'), action: 'defer', channels: ['sms'] } });
    expect(await sendMessage(deps, request(`f-${randomUUID()}`, { channels: [sms, email] }))).toMatchObject({
      status: 'sent',
      channel: 'email',
    });
  });

  it('lets transactional messages and bypass journeys through quiet hours and caps, never past consent', async () => {
    await policy({
      quietHours: { ...windowAroundNow('UTC'), action: 'skip' },
      frequencyCaps: [{ channel: 'all', limit: 1, within: 'P1D' }],
    });
    const user = `t-${randomUUID()}`;
    expect(await sendMessage(deps, request(user, sms, { transactional: true }))).toMatchObject({ status: 'sent' });
    expect(await sendMessage(deps, request(user, sms, { bypass: true }))).toMatchObject({ status: 'sent' });
    expect(
      await sendMessage(deps, request(user, sms, { transactional: true, consent: { sms: { subscribed: false } } })),
    ).toMatchObject({ status: 'skipped', reason: 'no_consent' });
    // Exempt sends do not count towards caps either.
    expect(await MessageModel.countDocuments({ userId: user, capped: true })).toBe(0);
  });

  it('never over-sends under concurrent sends: per-channel and overall caps, with fallback to a channel under its cap', async () => {
    await policy({
      frequencyCaps: [
        { channel: 'sms', limit: 2, within: 'P1D' },
        { channel: 'all', limit: 3, within: 'P1D' },
      ],
    });
    const user = `c-${randomUUID()}`;
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, () => sendMessage(deps, request(user, { channels: [sms, email] }))),
    );
    const sent = outcomes.filter((o) => o.status === 'sent');
    expect(sent.map((o) => o.channel).sort()).toEqual(['email', 'sms', 'sms']);
    expect(outcomes.filter((o) => o.status === 'skipped' && o.reason === 'frequency_cap')).toHaveLength(5);
    expect(calls).toHaveLength(3);
  });

  it('counts only the rolling window', async () => {
    await policy({ frequencyCaps: [{ channel: 'sms', limit: 1, within: 'PT12H' }] });
    const user = `r-${randomUUID()}`;
    // Sent 13 hours ago: outside the window (written raw, as timestamps would overwrite createdAt).
    await MessageModel.collection.insertOne({
      key: randomUUID(),
      userId: user,
      channel: 'sms',
      status: 'delivered',
      capped: true,
      history: [],
      createdAt: new Date(Date.now() - 13 * 3_600_000),
    });
    expect(await sendMessage(deps, request(user, sms))).toMatchObject({ status: 'sent' });
    expect(await sendMessage(deps, request(user, sms))).toMatchObject({ status: 'skipped', reason: 'frequency_cap' });
  });

  it('throttles a channel to its sends per second', async () => {
    await policy({ throttle: { sms: 2 } });
    // The throttle hands out ticks half a second apart; each send calls the provider after its tick.
    const ticks: number[] = [];
    const limiter = new (class extends SharedRateLimiter {
      override async waitForTick(scope: string, intervalMs: number, maxWaitMs: number) {
        const tick = await super.waitForTick(scope, intervalMs, maxWaitMs);
        if (tick) ticks.push(tick.getTime());
        return tick;
      }
    })();
    const throttled = { ...deps, limiter };
    await Promise.all(Array.from({ length: 6 }, () => sendMessage(throttled, request(`th-${randomUUID()}`, sms))));
    ticks.sort((a, b) => a - b);
    const times = calls.map((c) => c.at).sort((a, b) => a - b);
    expect(ticks).toHaveLength(6);
    expect(times).toHaveLength(6);
    for (let i = 1; i < ticks.length; i++) expect(ticks[i]! - ticks[i - 1]!).toBeGreaterThanOrEqual(500);
    // The k-th provider call comes no earlier than the k-th tick: never two calls in one half second's slot.
    times.forEach((at, k) => expect(at).toBeGreaterThanOrEqual(ticks[k]!));
  });

  it('sends a fresh request once even when its key was taken (a workflow reset): the claim insert finds the twin', async () => {
    await policy({});
    const first = { ...request(`fresh-${randomUUID()}`, sms), fresh: true };
    expect(await sendMessage(deps, first)).toEqual({ status: 'sent', channel: 'sms' });
    expect(await sendMessage(deps, first)).toEqual({ status: 'sent', channel: 'sms' });
    expect(calls).toHaveLength(1);
    expect(await MessageModel.countDocuments({ key: first.idempotencyKey })).toBe(1);
  });

  it('never sends twice when the worker dies between the provider call and the outbox update', async () => {
    await policy({});
    const once = request(`crash-${randomUUID()}`, sms);
    hangNext = true;
    const retries = { ...deps, callTimeoutMs: 300 };
    void sendMessage(retries, once).catch(() => undefined); // the first attempt dies inside the provider call
    await pollUntil('the provider call', async () => (calls.length === 1 ? true : undefined));
    // Temporal retries the activity: the outbox entry written before the call stops it. Within the
    // call timeout the first attempt may still settle; past it, SMS (no provider dedupe) is `unknown`.
    // (A retry inside the 300 ms cannot be timed on a loaded machine: one with a minute's timeout stands for it.)
    await expect(sendMessage({ ...retries, callTimeoutMs: 60_000 }, once)).rejects.toThrow(
      'being sent by another attempt',
    );
    const outcome = await pollUntil('the call timeout to pass', () =>
      sendMessage(retries, once).catch(() => undefined),
    );
    expect(outcome).toEqual({ status: 'unknown', channel: 'sms', reason: 'interrupted' });
    expect(calls).toHaveLength(1);
    expect(await MessageModel.countDocuments({ key: once.idempotencyKey })).toBe(1);
  });
});
