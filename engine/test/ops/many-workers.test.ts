import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntryModel, MessageModel } from '../../src/models/index.js';
import { pollUntil } from '../../src/services/wait.js';
import { startHarness, tokens, type Harness } from '../engine-harness.js';
import { shared, type InboxEmail } from '../helpers.js';
import { sample } from './prometheus.js';
import { startWorkerProcess, type WaymarkProcess } from './worker-processes.js';

const USERS = 24;
/**
 * Emails a second across both workers: spreads the campaign over six seconds, so one worker dies in the middle of
 * it, with sends a quarter second apart: the kill finds two SMTP calls in flight only if one takes that long.
 */
const THROTTLE = 4;

describe('many workers: two `waymark worker` processes on one task queue', () => {
  let h: Harness;
  const workers: WaymarkProcess[] = [];

  beforeAll(async () => {
    h = await startHarness('workers', { worker: false });
  });
  afterAll(async () => {
    for (const worker of workers)
      if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
    await h?.stop();
  });

  it('runs a campaign to the end when one worker is killed mid-way: every entry completes with exactly one message', async () => {
    const env = {
      TEMPORAL_ADDRESS: shared().temporalAddress,
      MONGODB_URI: h.mongoUri,
      WAYMARK_TASK_QUEUE: h.taskQueue,
      SMTP_URL: shared().smtpUrl,
      WAYMARK_TRACKING_SECRET: tokens.trackingSecret,
      WAYMARK_METRICS_PORT: '0',
    };
    const [doomed, survivor] = await Promise.all([startWorkerProcess(env), startWorkerProcess(env)]);
    workers.push(doomed, survivor);
    // Both joined the task queue: Temporal lists two pollers.
    await pollUntil('two workflow pollers', async () => {
      const queue = await h.temporal.workflowService.describeTaskQueue({
        namespace: 'default',
        taskQueue: { name: h.taskQueue },
        taskQueueType: 1,
      });
      return new Set(queue.pollers?.map((p) => p.identity)).size === 2 ? true : undefined;
    });
    for (const worker of [doomed, survivor])
      expect(await (await fetch(worker.metricsUrl.replace('/metrics', '/health'))).json()).toEqual({
        status: 'ok',
        worker: 'RUNNING',
      });

    expect(
      (
        await h.api('PUT', '/api/settings', {
          contactPolicy: { frequencyCaps: [], throttle: { email: THROTTLE } },
          providers: { email: { provider: 'smtp', config: { smtpUrl: shared().smtpUrl } } },
        })
      ).status,
    ).toBe(200);
    const { body } = await h.api<{ id: string }>('POST', '/api/journeys', {
      name: 'Campaign',
      graph: {
        nodes: [
          { id: 't', type: 'trigger', data: { kind: 'event', event: 'campaign_go' } },
          {
            id: 'm',
            type: 'message',
            data: { channel: 'email', template: { subject: 'Campaign {{ profile.userId }}', text: 'hello' } },
          },
          { id: 'x', type: 'exit', data: {} },
        ],
        edges: [
          { source: 't', target: 'm' },
          { source: 'm', target: 'x' },
        ],
      },
    });
    expect((await h.api('POST', `/api/journeys/${body.id}/publish`)).status).toBe(200);

    const run = randomUUID().slice(0, 8);
    const users = Array.from({ length: USERS }, (_, i) => `campaign-${run}-${i}`);
    const address = (user: string) => `${user}@workers.example.com`;
    for (const user of users) await h.identify(user, { email: address(user) });
    for (const user of users) await h.track(user, 'campaign_go');

    // Both workers send; kill one (no goodbye) once a few messages went out.
    await pollUntil(
      'a few messages sent',
      async () =>
        (await MessageModel.countDocuments({ journeyId: body.id, status: 'delivered' })) >= 4 ? true : undefined,
      { timeoutMs: 60_000 },
    );
    const sentBy = async (worker: { metricsUrl: string }) =>
      sample(
        await (await fetch(worker.metricsUrl)).text(),
        'waymark_messages_total{channel="email",status="delivered"}',
      );
    await pollUntil(
      'both workers sending',
      async () => ((await sentBy(doomed)) > 0 && (await sentBy(survivor)) > 0 ? true : undefined),
      { timeoutMs: 30_000 },
    );
    doomed.child.kill('SIGKILL');
    expect(await doomed.exited).toBe('SIGKILL');
    const sentBeforeKill = await MessageModel.countDocuments({ journeyId: body.id, status: 'delivered' });
    expect(sentBeforeKill).toBeLessThan(USERS);

    // The survivor finishes the campaign (activities of the dead worker are retried after their timeout).
    await pollUntil(
      'every entry completed',
      async () =>
        (await EntryModel.countDocuments({ journeyId: body.id, status: { $in: ['completed', 'exited'] } })) === USERS
          ? true
          : undefined,
      { timeoutMs: 200_000, intervalMs: 500 },
    );
    const messages = await MessageModel.find({ journeyId: body.id }, { userId: 1, status: 1 }).lean();
    expect(messages.map((m) => m.userId).sort()).toEqual([...users].sort());
    // At most once: a message whose provider call the kill interrupted is not sent again; the retry past the
    // provider call timeout marks it `unknown` (SMTP does not dedupe), or it is still `sending` before that.
    const interrupted = messages.filter((m) => m.status === 'sending' || m.status === 'unknown').map((m) => m.userId);
    expect(interrupted.length).toBeLessThanOrEqual(1);
    expect(messages.filter((m) => m.status === 'delivered')).toHaveLength(USERS - interrupted.length);

    const inbox = ((await (await fetch(`${shared().inboxUrl}/api/email`)).json()) as InboxEmail[]).filter(
      (e) => e.to[0]?.address.endsWith('@workers.example.com') && e.subject.includes(run),
    );
    const received = inbox.map((e) => e.to[0]!.address);
    expect(new Set(received).size, 'someone got the campaign twice').toBe(received.length);
    // Everyone got it, but perhaps the one whose send the kill interrupted.
    expect(interrupted).toEqual(expect.arrayContaining(users.filter((user) => !received.includes(address(user)))));
    // A worker's /metrics carries its own counters and its Temporal worker's metrics.
    const survivorMetrics = await (await fetch(survivor.metricsUrl)).text();
    expect(sample(survivorMetrics, 'waymark_messages_total{channel="email",status="delivered"}')).toBeGreaterThan(0);
    expect(survivorMetrics).toMatch(
      new RegExp(`^temporal_workflow_completed_total\\{[^}]*task_queue="${h.taskQueue}"[^}]*\\} [1-9]`, 'm'),
    );
  }, 300_000);
});
