import { WaymarkNode, stateQuery } from '@waymark/workflows/temporal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntryModel, MessageModel, TransitionModel } from '../../src/models/index.js';
import { pollUntil } from '../../src/services/wait.js';
import { startHarness, type Harness } from '../engine-harness.js';
import { waitForEmailTo } from '../helpers.js';

/**
 * The cart reminder with a golden time of 10 seconds: a real run finishes within the test, and events and queries
 * once an entry waits beat the timeout on a loaded machine too.
 */
const cartReminder = {
  name: 'Cart reminder (fast)',
  graph: {
    nodes: [
      {
        id: 'trigger',
        type: 'trigger',
        data: { kind: 'event', event: 'added_to_cart', where: { attr: 'event.properties.productId', op: 'exists' } },
      },
      { id: 'golden', type: 'waitForEvent', data: { event: 'order_completed', timeout: 'PT10S' } },
      {
        id: 'reminder',
        type: 'message',
        data: {
          channel: 'email',
          template: {
            subject: 'Still thinking about {{ event.properties.name }}?',
            html: '<p>Hi {{ profile.first_name | default: "there" }}, {{ event.properties.name }} is waiting.</p>',
          },
        },
      },
      { id: 'bought', type: 'exit', data: {} },
      { id: 'done', type: 'exit', data: {} },
    ],
    edges: [
      { source: 'trigger', target: 'golden' },
      { source: 'golden', sourceHandle: 'matched', target: 'bought' },
      { source: 'golden', sourceHandle: 'timeout', target: 'reminder' },
      { source: 'reminder', target: 'done' },
    ],
  },
  settings: { goal: { event: 'order_completed', within: 'P1D' } },
};

describe('journeys run durably on Temporal', () => {
  let h: Harness;
  let journeyId: string;

  beforeAll(async () => {
    h = await startHarness('run');
    const created = await h.api<{ id: string }>('POST', '/api/journeys', cartReminder);
    expect(created.status).toBe(201);
    journeyId = created.body.id;
    const published = await h.api('POST', `/api/journeys/${journeyId}/publish`);
    expect(published).toEqual({ status: 200, body: { version: 1, warnings: [] } });
  });
  afterAll(async () => h?.stop());

  it('enters on the event, waits the golden time, emails the product name, and ends', async () => {
    const user = `ann-${Date.now()}`;
    await h.identify(user, { email: `${user}@example.com`, first_name: 'Ann' });
    await h.track(user, 'added_to_cart', { productId: 'p1', name: 'Tablet case' });

    const email = await waitForEmailTo(`${user}@example.com`);
    expect(email.subject).toBe('Still thinking about Tablet case?');
    expect(email.html).toContain('Hi Ann, Tablet case is waiting.');

    const workflowId = `journey:${journeyId}:${user}`;
    const handle = h.temporal.workflow.getHandle(workflowId);
    expect(await handle.result()).toEqual({ reason: 'exit', at: expect.any(String), nodeId: 'done' });
    const description = await handle.describe();
    expect(description.typedSearchAttributes.get(WaymarkNode)).toBe('done');
    expect(await description.staticSummary()).toBe(`Cart reminder (fast) (v1) for ${user}`);

    const entry = await pollUntil(
      'the entry to end',
      async () => (await EntryModel.findOne({ workflowId, status: 'completed' }).lean()) ?? undefined,
    );
    expect(entry).toMatchObject({ journeyId, version: 1, currentNode: 'done', endReason: 'exit' });
    const message = await MessageModel.findOne({ workflowId }).lean();
    expect(message).toMatchObject({
      nodeId: 'reminder',
      channel: 'email',
      status: 'delivered',
      rendered: { subject: 'Still thinking about Tablet case?' },
    });
    expect(message?.history.map((change) => change.status)).toEqual(['sending', 'delivered']);
    const moves = await TransitionModel.find({ workflowId }).sort({ at: 1 }).lean();
    expect(moves.map((m) => `${m.fromNodeId ?? ''}>${m.handle ?? ''}>${m.nodeId}`)).toEqual([
      '>>trigger',
      'trigger>next>golden',
      'golden>timeout>reminder',
      'reminder>next>done',
    ]);
  });

  it('skips the reminder and converts when the order arrives within the golden time', async () => {
    const user = `bob-${Date.now()}`;
    await h.identify(user, { email: `${user}@example.com` });
    await h.track(user, 'added_to_cart', { productId: 'p2', name: 'Phone case' });
    const workflowId = `journey:${journeyId}:${user}`;
    await pollUntil(
      'the entry to be waiting',
      async () => (await EntryModel.exists({ workflowId, currentNode: 'golden' })) ?? undefined,
    );
    await h.track(user, 'order_completed', { productId: 'p2' });

    expect(await h.temporal.workflow.getHandle(workflowId).result()).toMatchObject({
      reason: 'exit',
      nodeId: 'bought',
    });
    const entry = await pollUntil(
      'the conversion',
      async () => (await EntryModel.findOne({ workflowId, convertedAt: { $exists: true } }).lean()) ?? undefined,
    );
    expect(entry.status).toBe('completed');
    expect(await MessageModel.countDocuments({ workflowId })).toBe(0);
  });

  it('ignores events that fail the trigger filter', async () => {
    const user = `cat-${Date.now()}`;
    await h.track(user, 'added_to_cart', { name: 'no product id' });
    await h.engine.router.idle();
    expect(await EntryModel.countDocuments({ userId: user })).toBe(0);
  });

  it('shows where a waiting user is, read from the workflow', async () => {
    const user = `dan-${Date.now()}`;
    await h.track(user, 'added_to_cart', { productId: 'p3', name: 'Cable' });
    const profile = await pollUntil('the active entry', async () => {
      const { body } = await h.api<{ entries: { nodeId?: string; waiting?: { event?: string } }[] }>(
        'GET',
        `/api/profiles/${user}`,
      );
      return body.entries[0]?.waiting ? body : undefined;
    });
    expect(profile.entries[0]).toMatchObject({
      journeyId,
      version: 1,
      nodeId: 'golden',
      waiting: { nodeId: 'golden', event: 'order_completed' },
    });
    const view = await h.temporal.workflow.getHandle(`journey:${journeyId}:${user}`).query(stateQuery);
    expect(view.path.map((p) => p.nodeId)).toEqual(['trigger']);
  });

  it('enters a user once while they are in the journey (re-entry afterExit)', async () => {
    const user = `eve-${Date.now()}`;
    await h.track(user, 'added_to_cart', { productId: 'p4', name: 'Stand' });
    await h.track(user, 'added_to_cart', { productId: 'p5', name: 'Pen' });
    await h.engine.router.idle();
    const entries = await EntryModel.find({ userId: user }).lean();
    expect(entries).toHaveLength(1);
    expect(entries[0]?.triggerId).toBeDefined();
    const view = await h.temporal.workflow.getHandle(`journey:${journeyId}:${user}`).query(stateQuery);
    expect(view.nodeId).toBe('golden');
  });

  it('counts entries, paths, messages and conversions for the canvas overlay', async () => {
    // Every entry above ends within seconds (the golden time is 10 s); count once they all have.
    await pollUntil(
      'all entries to end',
      async () => ((await EntryModel.countDocuments({ journeyId, status: 'active' })) === 0 ? true : undefined),
      { timeoutMs: 30_000 },
    );
    const { body } = await h.api('GET', `/api/journeys/${journeyId}/stats?version=1`);
    expect(body.nodes).toEqual({
      trigger: { entered: 4, waiting: 0, exited: 0 },
      golden: { entered: 4, waiting: 0, exited: 0 },
      reminder: { entered: 3, waiting: 0, exited: 0 },
      done: { entered: 3, waiting: 0, exited: 3 },
      bought: { entered: 1, waiting: 0, exited: 1 },
    });
    expect(body.edges).toEqual(
      expect.arrayContaining([
        { from: 'trigger', handle: 'next', to: 'golden', count: 4 },
        { from: 'golden', handle: 'timeout', to: 'reminder', count: 3 },
        { from: 'golden', handle: 'matched', to: 'bought', count: 1 },
        { from: 'reminder', handle: 'next', to: 'done', count: 3 },
      ]),
    );
    // ann had an address, and the SMTP relay took her email (250): delivered at once, not only once opened.
    // dan and eve never told us theirs.
    expect(body.messages.reminder).toEqual({ delivered: 1, skipped: 2, reasons: { no_address: 2 } });
    expect(body.conversions).toEqual({ total: 1, byVariant: {}, byMessage: {} });
    expect(body.totals).toEqual({ entered: 4, active: 0, converted: 1 });
  });
});
