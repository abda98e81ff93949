import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntryModel, MessageModel } from '../../src/models/index.js';
import { pollUntil } from '../../src/services/wait.js';
import { startHarness, type Harness } from '../engine-harness.js';
import { localActivityNames, scheduledInputs } from '../history-events.js';

const journey = {
  name: 'Held while paused',
  graph: {
    nodes: [
      { id: 't', type: 'trigger', data: { kind: 'api' } },
      // Long enough that the pause right after the trigger surely comes before the send, on a loaded machine too.
      { id: 'd', type: 'delay', data: { duration: 'PT5S' } },
      { id: 'm', type: 'message', data: { channel: 'email', template: { subject: 'Back in stock', text: 'x' } } },
      { id: 'x', type: 'exit', data: {} },
    ],
    edges: [
      { source: 't', target: 'd' },
      { source: 'd', target: 'm' },
      { source: 'm', target: 'x' },
    ],
  },
  settings: { reentry: 'always' },
};

describe('pausing a journey', () => {
  let h: Harness;
  beforeAll(async () => (h = await startHarness('pause', { smtp: false })));
  afterAll(async () => h?.stop());

  it('holds the messages of users already inside, lets no one new in, and sends exactly once after resume', async () => {
    const id = (await h.api<{ id: string }>('POST', '/api/journeys', journey)).body.id;
    await h.api('POST', `/api/journeys/${id}/publish`);
    const user = `held-${randomUUID()}`;
    await h.identify(user, { email: `${user}@example.com` });
    const { body } = await h.api<{ workflowId: string }>('POST', `/api/journeys/${id}/trigger`, { userId: user });
    expect((await h.api('POST', `/api/journeys/${id}/pause`)).body).toEqual({ status: 'paused' });

    // The delay ends while paused: the send activity keeps failing retryably, nothing goes out.
    const handle = h.temporal.workflow.getHandle(body.workflowId);
    const pending = await pollUntil('the held send to be retried', async () => {
      const activity = (await handle.describe()).raw.pendingActivities?.[0];
      return activity && Number(activity.attempt) >= 2 ? activity : undefined;
    });
    expect(pending.lastFailure?.message).toContain('paused');
    expect(await MessageModel.countDocuments({ workflowId: body.workflowId })).toBe(0);
    // Meanwhile the canvas shows the entry at the held message (its moves are recorded though the send throws).
    expect(await EntryModel.findOne({ workflowId: body.workflowId }).lean()).toMatchObject({
      status: 'active',
      currentNode: 'm',
    });
    expect((await h.api('POST', `/api/journeys/${id}/trigger`, { userId: `new-${randomUUID()}` })).status).toBe(409);

    expect((await h.api('POST', `/api/journeys/${id}/resume`)).body).toEqual({ status: 'active' });
    expect(await handle.result()).toMatchObject({ reason: 'exit' });
    // The send's first attempt ran locally and failed (driver revision 3); the retries pending above are a regular activity.
    const events = (await handle.fetchHistory()).events ?? [];
    expect(localActivityNames(events)).toEqual(['recordMoves', 'perform']);
    // The regular activities: the profile's reload after the delay, then the send's retries.
    expect(scheduledInputs(events)).toMatchObject([{ kind: 'loadProfile' }, { kind: 'send' }]);
    expect(await MessageModel.find({ workflowId: body.workflowId }).lean()).toMatchObject([
      { nodeId: 'm', status: 'delivered' },
    ]);
    expect(await EntryModel.findOne({ workflowId: body.workflowId }).lean()).toMatchObject({
      status: 'completed',
      currentNode: 'x',
    });
  }, 60_000);
});
