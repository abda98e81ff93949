import { WaymarkJourneyVersion } from '@waymark/workflows/temporal';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activitiesFor } from '../../src/engine.js';
import { EntryModel, MessageModel, TransitionModel } from '../../src/models/index.js';
import { pollUntil } from '../../src/services/wait.js';
import { builtinCustomSteps, stepRegistry } from '../../src/steps/registry.js';
import { startJourneyWorker, type RunningWorker } from '../../src/temporal/worker.js';
import { startHarness, type Harness } from '../engine-harness.js';
import { shared } from '../helpers.js';

const exit = { id: 'x', type: 'exit', data: {} };
const linear = (name: string, event: string, middle: unknown[], settings = {}) => ({
  name,
  graph: {
    nodes: [{ id: 't', type: 'trigger', data: { kind: 'event', event } }, ...middle, exit],
    edges: [
      { source: 't', target: middle.length ? (middle[0] as { id: string }).id : 'x' },
      ...middle.map((node, i) => ({
        source: (node as { id: string }).id,
        target: i + 1 < middle.length ? (middle[i + 1] as { id: string }).id : 'x',
      })),
    ],
  },
  settings,
});

describe('durable execution: a worker this test controls', () => {
  let h: Harness;
  let worker: RunningWorker | undefined;
  /** Each worker's providers (pooled SMTP connections), closed with it. */
  const closers: (() => void)[] = [];
  const startWorker = async () => {
    const { activities, close } = activitiesFor({
      channels: { email: { provider: 'smtp', config: { smtpUrl: shared().smtpUrl } } },
      publicUrl: 'http://waymark.test',
      trackingSecret: 'tracking-test',
      steps: stepRegistry(builtinCustomSteps),
    });
    closers.push(close);
    worker = await startJourneyWorker({ address: shared().temporalAddress, taskQueue: h.taskQueue, activities });
  };

  beforeAll(async () => {
    h = await startHarness('durable', { worker: false });
    await startWorker();
  });
  afterAll(async () => {
    await worker?.stop();
    for (const close of closers) close();
    await h?.stop();
  });

  async function publish(document: unknown): Promise<string> {
    const { body } = await h.api<{ id: string }>('POST', '/api/journeys', document);
    const published = await h.api('POST', `/api/journeys/${body.id}/publish`);
    expect(published.status).toBe(200);
    return body.id;
  }

  it('survives a worker outage: the timer and events that came meanwhile are handled once, with one message', async () => {
    const id = await publish({
      name: 'Outage',
      graph: {
        nodes: [
          { id: 't', type: 'trigger', data: { kind: 'event', event: 'outage_start' } },
          // Long enough that the worker is surely stopped before the timer comes due, on a loaded machine too.
          { id: 'w', type: 'waitForEvent', data: { event: 'outage_order', timeout: 'PT6S' } },
          {
            id: 'm',
            type: 'message',
            data: { channel: 'email', template: { subject: 'After the outage {{ profile.userId }}', text: 'hello' } },
          },
          exit,
        ],
        // Matched or timed out, everyone gets one message: the outage must not lose or double it.
        edges: [
          { source: 't', target: 'w' },
          { source: 'w', sourceHandle: 'matched', target: 'm' },
          { source: 'w', sourceHandle: 'timeout', target: 'm' },
          { source: 'm', target: 'x' },
        ],
      },
    });
    const timedOut = `outage-timer-${Date.now()}`;
    const ordered = `outage-order-${Date.now()}`;
    for (const user of [timedOut, ordered]) {
      await h.identify(user, { email: `${user}@example.com` });
      await h.track(user, 'outage_start');
    }
    await pollUntil('both entries waiting', async () =>
      (await EntryModel.countDocuments({ journeyId: id, currentNode: 'w' })) === 2 ? true : undefined,
    );

    await worker!.stop();
    await h.track(ordered, 'outage_order');
    await h.engine.router.idle();
    // The outage must outlast the 6 s golden time, so the timer comes due while no worker runs.
    const enteredAt = (await EntryModel.findOne({ journeyId: id, userId: timedOut }).lean())!.enteredAt.getTime();
    await pollUntil('the timer to come due', async () => (Date.now() > enteredAt + 6_500 ? true : undefined));
    await startWorker();

    for (const user of [timedOut, ordered]) {
      expect(await h.temporal.workflow.getHandle(`journey:${id}:${user}`).result()).toMatchObject({ reason: 'exit' });
      expect(await MessageModel.countDocuments({ journeyId: id, userId: user })).toBe(1);
    }
    // The event sent during the outage was not lost: that user took `matched`, the other `timeout`.
    const taken = await Promise.all(
      [timedOut, ordered].map(
        async (user) =>
          (await TransitionModel.findOne({ journeyId: id, userId: user, fromNodeId: 'w' }).lean())?.handle,
      ),
    );
    expect(taken).toEqual(['timeout', 'matched']);
  });

  it('removes a user mid-wait on an exitOn event', async () => {
    const id = await publish(
      linear(
        'Exit on',
        'eo_start',
        [
          { id: 'd', type: 'delay', data: { duration: 'P1D' } },
          { id: 'm', type: 'message', data: { channel: 'sms', template: { body: 'never sent' } } },
        ],
        { exitOn: [{ event: 'unsubscribed' }] },
      ),
    );
    const user = `eo-${Date.now()}`;
    await h.track(user, 'eo_start');
    await pollUntil(
      'the entry to wait',
      async () => (await EntryModel.exists({ journeyId: id, userId: user, currentNode: 'd' })) ?? undefined,
    );
    await h.track(user, 'unsubscribed');
    expect(await h.temporal.workflow.getHandle(`journey:${id}:${user}`).result()).toMatchObject({
      reason: 'exitOn',
      nodeId: 'd',
    });
    expect(
      await pollUntil(
        'the entry to end',
        async () => (await EntryModel.findOne({ journeyId: id, userId: user, status: 'exited' }).lean()) ?? undefined,
      ),
    ).toMatchObject({ endReason: 'exitOn' });
    expect(await MessageModel.countDocuments({ journeyId: id })).toBe(0);
  });

  it('keeps waiting entries on their version when v2 is published; new entries use v2', async () => {
    const v1 = linear('Versions', 'ver_start', [{ id: 'd', type: 'delay', data: { duration: 'P1D' } }]);
    const id = await publish(v1);
    const early = `early-${Date.now()}`;
    await h.track(early, 'ver_start');
    await pollUntil(
      'v1 entry',
      async () => (await EntryModel.exists({ journeyId: id, userId: early, currentNode: 'd' })) ?? undefined,
    );

    const { body } = await h.api('GET', `/api/journeys/${id}`);
    await h.api('PUT', `/api/journeys/${id}`, {
      ...linear('Versions', 'ver_start', [{ id: 'd2', type: 'delay', data: { duration: 'P2D' } }]),
      revision: body.revision,
    });
    expect((await h.api('POST', `/api/journeys/${id}/publish`)).body.version).toBe(2);
    const late = `late-${Date.now()}`;
    await h.track(late, 'ver_start');
    await pollUntil(
      'v2 entry',
      async () => (await EntryModel.exists({ journeyId: id, userId: late, currentNode: 'd2' })) ?? undefined,
    );

    const described = await Promise.all(
      [early, late].map((user) => h.temporal.workflow.getHandle(`journey:${id}:${user}`).describe()),
    );
    expect(described.map((d) => d.typedSearchAttributes.get(WaymarkJourneyVersion))).toEqual([1, 2]);
    expect((await EntryModel.findOne({ journeyId: id, userId: early }).lean())?.currentNode).toBe('d');
  });

  describe('re-entry rules', () => {
    const quick = (reentry: string, extra = {}) =>
      linear(`Re-entry ${reentry}`, `re_${reentry}_${randomUUID().slice(0, 6)}`, [], { reentry, ...extra });
    const enterTwice = async (document: ReturnType<typeof quick>) => {
      const id = await publish(document);
      const event = (document.graph.nodes[0] as { data: { event: string } }).data.event;
      const user = `re-${randomUUID().slice(0, 8)}`;
      await h.track(user, event);
      await pollUntil(
        'the first entry to end',
        async () => (await EntryModel.exists({ journeyId: id, userId: user, status: 'completed' })) ?? undefined,
      );
      await h.track(user, event);
      await h.engine.router.idle();
      return EntryModel.find({ journeyId: id, userId: user }).sort({ enteredAt: 1 }).lean();
    };

    it('never: one entry per user, ever', async () => {
      expect(await enterTwice(quick('never'))).toHaveLength(1);
    });

    it('afterExit: again once the first entry has ended, under the same workflow id', async () => {
      const entries = await enterTwice(quick('afterExit'));
      expect(entries).toHaveLength(2);
      expect(entries[0]!.workflowId).toBe(entries[1]!.workflowId);
    });

    it('afterExit with a cooldown: not again within it', async () => {
      expect(await enterTwice(quick('afterExit', { cooldown: 'P1D' }))).toHaveLength(1);
    });

    it('always: a separate entry (and workflow) per triggering event, even while one runs', async () => {
      const id = await publish({
        ...linear('Always', 'always_go', [{ id: 'd', type: 'delay', data: { duration: 'P1D' } }], {
          reentry: 'always',
        }),
      });
      const user = `always-${Date.now()}`;
      await h.track(user, 'always_go', {}, 'always-1');
      await h.track(user, 'always_go', {}, 'always-2');
      await h.track(user, 'always_go', {}, 'always-2'); // a retried delivery of the same event
      await h.engine.router.idle();
      const entries = await EntryModel.find({ journeyId: id, userId: user }).sort({ triggerId: 1 }).lean();
      expect(entries.map((e) => e.workflowId)).toEqual([
        `journey:${id}:${user}:always-1`,
        `journey:${id}:${user}:always-2`,
      ]);
    });
  });
});
