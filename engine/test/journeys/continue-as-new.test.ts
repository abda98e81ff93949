import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageModel } from '../../src/models/index.js';
import { pollUntil } from '../../src/services/wait.js';
import { CONTINUE_AS_NEW_SUGGESTED_AT } from '../global-setup.js';
import { startHarness, type Harness } from '../engine-harness.js';

/** Every `ping` sends a message and waits again: a journey whose history grows without end. */
const loop = {
  name: 'Ping loop',
  graph: {
    nodes: [
      { id: 't', type: 'trigger', data: { kind: 'api' } },
      { id: 'w', type: 'waitForEvent', data: { event: 'ping', timeout: 'P30D' } },
      { id: 'm', type: 'message', data: { channel: 'email', template: { subject: 'Pong', text: 'x' } } },
      { id: 'x', type: 'exit', data: {} },
    ],
    edges: [
      { source: 't', target: 'w' },
      { source: 'w', sourceHandle: 'matched', target: 'm' },
      { source: 'w', sourceHandle: 'timeout', target: 'x' },
      { source: 'm', target: 'w' },
    ],
  },
  settings: { exitOn: [{ event: 'stop' }] },
};

describe('continue-as-new', () => {
  let h: Harness;
  beforeAll(async () => (h = await startHarness('continue-as-new', { smtp: false })));
  afterAll(async () => h?.stop());

  it('carries the entry across runs: position, visit counts (idempotency keys) and seen messageIds', async () => {
    const id = (await h.api<{ id: string }>('POST', '/api/journeys', loop)).body.id;
    expect((await h.api('POST', `/api/journeys/${id}/publish`)).status).toBe(200);
    const user = `loop-${randomUUID()}`;
    await h.identify(user, { email: `${user}@example.com` });
    const { body } = await h.api<{ workflowId: string }>('POST', `/api/journeys/${id}/trigger`, { userId: user });
    const pings = 30;
    const firstPing = randomUUID();
    for (let i = 1; i <= pings; i++) {
      await h.track(user, 'ping', { i }, i === 1 ? firstPing : randomUUID());
      await pollUntil(`message ${i}`, async () =>
        (await MessageModel.countDocuments({ workflowId: body.workflowId })) >= i ? true : undefined,
      );
    }
    // The chain keeps the first run's id; the current run is a later one.
    const { runId, historyLength, raw } = await h.temporal.workflow.getHandle(body.workflowId).describe();
    expect(raw.workflowExecutionInfo?.firstRunId).toBeTruthy();
    expect(runId, `history suggested continue-as-new at ${CONTINUE_AS_NEW_SUGGESTED_AT} events`).not.toBe(
      raw.workflowExecutionInfo?.firstRunId,
    );
    expect(historyLength).toBeLessThan(CONTINUE_AS_NEW_SUGGESTED_AT * 2);

    // A redelivered early ping is recognised after the runs changed: no 31st message.
    await h.track(user, 'ping', { i: 1 }, firstPing);
    await h.track(user, 'stop');
    expect(await h.temporal.workflow.getHandle(body.workflowId).result()).toMatchObject({
      reason: 'exitOn',
      nodeId: 'w',
    });
    const messages = await MessageModel.find({ workflowId: body.workflowId }, { key: 1 }).lean();
    expect(messages).toHaveLength(pings);
    // One message per visit of the message node, keys numbered on across runs.
    expect(new Set(messages.map((m) => m.key.split(':').at(-1))).size).toBe(pings);
  }, 120_000);
});
