import { stateQuery } from '@waymark/workflows/temporal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntryModel, MessageModel } from '../../src/models/index.js';
import { pollUntil } from '../../src/services/wait.js';
import { startHarness, type Harness } from '../engine-harness.js';

/**
 * The same-product cart reminder, run for real: a context node (path + Liquid), a wait for an order
 * of the product in the cart (valueFrom the trigger), else an email naming it from `trigger` and `vars`.
 */
const sameProduct = {
  name: 'Same-product reminder',
  graph: {
    nodes: [
      { id: 'trigger', type: 'trigger', data: { kind: 'event', event: 'added_to_cart' } },
      {
        id: 'ctx',
        type: 'context',
        data: {
          set: { product: { path: 'trigger.properties.productId' }, shout: '{{ trigger.properties.name | upcase }}' },
        },
      },
      {
        id: 'wait',
        type: 'waitForEvent',
        data: {
          events: [
            {
              id: 'bought',
              event: 'order_completed',
              where: { attr: 'event.properties.productId', op: 'eq', valueFrom: 'vars.product' },
            },
            { id: 'liked', event: 'product_liked' },
          ],
          // Events sent once the entry waits must beat the timeout on a loaded machine too.
          timeout: 'PT10S',
        },
      },
      {
        id: 'remind',
        type: 'message',
        data: {
          channel: 'email',
          template: {
            subject: '{{ vars.shout }} ({{ trigger.properties.productId }})',
            text: 'Still in your cart: {{ trigger.properties.name }}',
          },
        },
      },
      { id: 'bought', type: 'exit', data: {} },
      { id: 'liked', type: 'exit', data: {} },
      { id: 'done', type: 'exit', data: {} },
    ],
    edges: [
      { source: 'trigger', target: 'ctx' },
      { source: 'ctx', target: 'wait' },
      { source: 'wait', sourceHandle: 'bought', target: 'bought' },
      { source: 'wait', sourceHandle: 'liked', target: 'liked' },
      { source: 'wait', sourceHandle: 'timeout', target: 'remind' },
      { source: 'remind', target: 'done' },
    ],
  },
};

describe('trigger paths, entry variables and action paths on Temporal', () => {
  let h: Harness;
  let journeyId: string;

  beforeAll(async () => {
    h = await startHarness('entry-paths');
    const created = await h.api<{ id: string }>('POST', '/api/journeys', sameProduct);
    expect(created.status).toBe(201);
    journeyId = created.body.id;
    expect((await h.api('POST', `/api/journeys/${journeyId}/publish`)).status).toBe(200);
  });
  afterAll(async () => h?.stop());

  /** Adds p1 to the cart, waits until the entry waits, then sends `then`; resolves with how the entry ended. */
  const run = async (name: string, then: (user: string) => Promise<void>) => {
    const user = `${name}-${Date.now()}`;
    await h.identify(user, { email: `${user}@example.com` });
    await h.track(user, 'added_to_cart', { productId: 'p1', name: 'Tablet case' });
    const workflowId = `journey:${journeyId}:${user}`;
    await pollUntil('the entry to wait', async () =>
      (
        await h.temporal.workflow
          .getHandle(workflowId)
          .query(stateQuery)
          .catch(() => undefined)
      )?.waiting
        ? true
        : undefined,
    );
    await then(user);
    const outcome = await h.temporal.workflow.getHandle(workflowId).result();
    return { outcome, workflowId };
  };

  it('leaves by "bought" for an order of the product in the cart, and sends nothing', async () => {
    const { outcome, workflowId } = await run('same', (user) => h.track(user, 'order_completed', { productId: 'p1' }));
    expect(outcome).toMatchObject({ reason: 'exit', nodeId: 'bought' });
    expect(await MessageModel.countDocuments({ workflowId })).toBe(0);
  });

  it('reminds the user who bought something else, naming the product from trigger and vars', async () => {
    const { outcome, workflowId } = await run('other', (user) => h.track(user, 'order_completed', { productId: 'p2' }));
    expect(outcome).toMatchObject({ reason: 'exit', nodeId: 'done' });
    const message = await MessageModel.findOne({ workflowId }).lean();
    expect(message).toMatchObject({
      nodeId: 'remind',
      status: 'delivered',
      rendered: { subject: 'TABLET CASE (p1)', text: 'Still in your cart: Tablet case' },
    });
  });

  it('leaves by the handle of the first listed event that happens', async () => {
    const { outcome, workflowId } = await run('liker', async (user) => {
      await h.track(user, 'product_liked', { productId: 'p1' });
    });
    expect(outcome).toMatchObject({ reason: 'exit', nodeId: 'liked' });
    const entry = await pollUntil(
      'the entry to end',
      async () => (await EntryModel.findOne({ workflowId, status: 'completed' }).lean()) ?? undefined,
    );
    expect(entry.currentNode).toBe('liked');
  });
});
