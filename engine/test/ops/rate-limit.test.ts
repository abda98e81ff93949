import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageModel } from '../../src/models/index.js';
import { repoRoot } from '../../src/services/paths.js';
import { pollUntil } from '../../src/services/wait.js';
import { startHarness, type Harness } from '../engine-harness.js';
import { sample } from './prometheus.js';

const fixture = join(repoRoot, 'engine', 'test', 'fixtures', 'take-slots.mjs');

describe('shared rate limits', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('rate-limit');
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** Runs the fixture in two processes at once against this harness's store; each one's JSON answer. */
  async function inTwoProcesses<T>(...args: (string | number)[]): Promise<T[][]> {
    const startAt = Date.now() + 2_000; // both connected by then, so their takes overlap
    const run = () =>
      promisify(execFile)(process.execPath, [fixture, ...args.map(String), String(startAt)], {
        env: { ...process.env, MONGODB_URI: h.mongoUri },
      });
    const outputs = await Promise.all([run(), run()]);
    return outputs.map(({ stdout }) => JSON.parse(stdout) as T[]);
  }

  it('lets two processes together take no more than the limit of a window', async () => {
    // A day-long window, so all attempts fall in one window. Each process makes 20 attempts against a limit of
    // 25: alone, each would be granted all 20; sharing the window, they are granted 25 together, whichever
    // process runs first (so each is granted at least 5, however the two are scheduled).
    const [first, second] = await inTwoProcesses<number>('take', `test:${randomUUID()}`, 20, 25, 86_400_000);
    const granted = [...first!, ...second!];
    expect(new Set(granted).size).toBe(1);
    expect(granted).toHaveLength(25);
    expect(first!.length).toBeGreaterThanOrEqual(5);
    expect(second!.length).toBeGreaterThanOrEqual(5);
  }, 60_000);

  it('spaces the sends of two processes by the throttle interval', async () => {
    const interval = 200;
    const [first, second] = await inTwoProcesses<[tick: number, started: number]>(
      'tick',
      `throttle:test-${randomUUID()}`,
      8,
      interval,
    );
    const sends = [...first!, ...second!].sort((a, b) => a[0] - b[0]);
    expect(sends).toHaveLength(16);
    // Every send has a tick of its own, one interval or more after the previous one...
    for (let i = 1; i < sends.length; i++)
      expect(sends[i]![0] - sends[i - 1]![0], `ticks of sends ${i - 1} and ${i}`).toBeGreaterThanOrEqual(interval);
    // ...and never starts before it (timers may fire late under load, never early).
    for (const [tick, started] of sends) expect(started).toBeGreaterThanOrEqual(tick);
    expect(first!.length).toBeGreaterThan(0);
    expect(second!.length).toBeGreaterThan(0);
  }, 60_000);

  it("holds a journey to settings.rateLimit: past the minute's messages, entries wait at the message node for the next minute", async () => {
    const metrics = async () => (await fetch(`${h.app.base}/metrics`)).text();
    const limited = async () => sample(await metrics(), 'waymark_rate_limited_total{limit="journey"}');
    /**
     * Five entries of a fresh journey limited to 3 a minute, started early in a calendar minute; undefined when
     * their decisions did not all fall in that minute (a loaded machine), as the limit then counts two windows.
     */
    async function fiveEntriesInOneMinute() {
      // An event of its own: the journey of a run before this one is still live.
      const event = `limited_go_${randomUUID().slice(0, 6)}`;
      const { body } = await h.api<{ id: string }>('POST', '/api/journeys', {
        name: 'Rate limited',
        graph: {
          nodes: [
            { id: 't', type: 'trigger', data: { kind: 'event', event } },
            { id: 'm', type: 'message', data: { channel: 'email', template: { subject: 'Limited', text: 'hello' } } },
            { id: 'x', type: 'exit', data: {} },
          ],
          edges: [
            { source: 't', target: 'm' },
            { source: 'm', target: 'x' },
          ],
        },
        settings: { rateLimit: { perMinute: 3 } },
      });
      expect((await h.api('POST', `/api/journeys/${body.id}/publish`)).status).toBe(200);
      const users = Array.from({ length: 5 }, (_, i) => `limited-${randomUUID().slice(0, 6)}-${i}`);
      for (const user of users) await h.identify(user, { email: `${user}@example.com` });
      await pollUntil('the start of a minute', async () => (Date.now() % 60_000 < 40_000 ? true : undefined), {
        timeoutMs: 25_000,
        intervalMs: 250,
      });
      const before = await limited();
      const minute = Math.floor(Date.now() / 60_000);
      for (const user of users) await h.track(user, event);
      const messages = await pollUntil('five send decisions', async () => {
        const found = await MessageModel.find({ journeyId: body.id }).lean();
        return found.length === 5 && found.every((m) => m.status !== 'sending') ? found : undefined;
      });
      if (Math.floor(Date.now() / 60_000) !== minute) return undefined;
      return { journeyId: body.id, minute, messages, limited: (await limited()) - before };
    }

    // A run that crosses into the next minute proves nothing either way: the next one starts early in that minute.
    let run: Awaited<ReturnType<typeof fiveEntriesInOneMinute>>;
    for (let attempt = 0; attempt < 3 && !run; attempt++) run = await fiveEntriesInOneMinute();
    if (!run) throw new Error('three runs in a row crossed a minute boundary');
    const { journeyId, minute, messages } = run;
    expect(messages.filter((m) => m.status === 'delivered')).toHaveLength(3);
    const held = messages.filter((m) => m.status === 'deferred');
    expect(held).toHaveLength(2);
    for (const message of held) {
      expect(message.reason).toBe('rate_limit');
      expect(message.deferredUntil!.getTime()).toBeGreaterThanOrEqual((minute + 1) * 60_000);
      expect(message.deferredUntil!.getTime()).toBeLessThan((minute + 2) * 60_000);
      const state = await h.temporal.workflow
        .getHandle(`journey:${journeyId}:${message.userId}`)
        .query<{ nodeId: string; waiting?: { until: string; resend?: true } }>('state');
      expect(state).toMatchObject({
        nodeId: 'm',
        waiting: { until: message.deferredUntil!.toISOString(), resend: true },
      });
    }
    expect(run.limited).toBe(2);
  }, 240_000);

  it('is part of the journey language: the compiler takes settings.rateLimit and names a bad one', async () => {
    const graph = {
      nodes: [
        { id: 't', type: 'trigger', data: { kind: 'event', event: 'go' } },
        { id: 'x', type: 'exit', data: {} },
      ],
      edges: [{ source: 't', target: 'x' }],
    };
    expect(
      (
        await h.api('POST', '/api/journeys/validate', {
          name: 'Limited',
          graph,
          settings: { rateLimit: { perMinute: 600 } },
        })
      ).body,
    ).toMatchObject({ ok: true });
    const bad = await h.api<{ ok: boolean; errors: { path?: string; message: string }[] }>(
      'POST',
      '/api/journeys/validate',
      { name: 'Limited', graph, settings: { rateLimit: { perMinute: 0 } } },
    );
    expect(bad.body.ok).toBe(false);
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'settings.rateLimit.perMinute',
          message: expect.stringContaining('at least 1'),
        }),
      ]),
    );
  });
});
