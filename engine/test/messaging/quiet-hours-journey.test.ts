import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageModel } from '../../src/models/index.js';
import { pollUntil } from '../../src/services/wait.js';
import { startHarness, type Harness } from '../engine-harness.js';

const journey = (name: string, contactPolicy: 'default' | 'bypass') => ({
  name,
  graph: {
    nodes: [
      { id: 't', type: 'trigger', data: { kind: 'api' } },
      { id: 'm', type: 'message', data: { channel: 'email', template: { subject: 'Good morning', text: 'hi' } } },
      { id: 'x', type: 'exit', data: {} },
    ],
    edges: [
      { source: 't', target: 'm' },
      { source: 'm', target: 'x' },
    ],
  },
  settings: { reentry: 'always', contactPolicy, exitOn: [{ event: 'order_completed' }] },
});

describe('quiet hours in a running journey', () => {
  let h: Harness;
  const ids: Record<string, string> = {};
  // Two hours around now in Seoul: whoever lives there is inside the window.
  const seoul = DateTime.now().setZone('Asia/Seoul');
  const window = {
    start: seoul.minus({ hours: 1 }).toFormat('HH:mm'),
    end: seoul.plus({ hours: 1 }).toFormat('HH:mm'),
  };

  beforeAll(async () => {
    h = await startHarness('quiet-hours');
    expect(
      (
        await h.api('PUT', '/api/settings', {
          contactPolicy: { quietHours: { ...window, action: 'defer' } },
          providers: { email: null },
        })
      ).status,
    ).toBe(200);
    for (const policy of ['default', 'bypass'] as const) {
      ids[policy] = (await h.api<{ id: string }>('POST', '/api/journeys', journey(`Quiet ${policy}`, policy))).body.id;
      await h.api('POST', `/api/journeys/${ids[policy]}/publish`);
    }
  });
  afterAll(async () => h?.stop());

  it('holds the message at its node until the window ends in the user zone; an exitOn event still ends the entry', async () => {
    const user = `qh-${randomUUID()}`;
    await h.identify(user, { email: `${user}@example.com`, timezone: 'Asia/Seoul' });
    const { body } = await h.api<{ workflowId: string }>('POST', `/api/journeys/${ids.default}/trigger`, {
      userId: user,
    });
    const handle = h.temporal.workflow.getHandle(body.workflowId);

    const held = await pollUntil('the entry held at the message node', async () => {
      const state = await handle.query<{
        nodeId: string;
        waiting?: { until: string; resend?: boolean };
        path: { outcome: string }[];
      }>('state');
      return state.waiting?.resend ? state : undefined;
    });
    const end = seoul.plus({ hours: 1 }).startOf('minute');
    expect(held.nodeId).toBe('m');
    expect(Date.parse(held.waiting!.until)).toBe(end.toMillis());
    expect(held.path.map((p) => p.outcome)).toContain('deferred:quiet_hours');
    expect(await MessageModel.findOne({ workflowId: body.workflowId }).lean()).toMatchObject({
      status: 'deferred',
      reason: 'quiet_hours',
      deferredUntil: end.toJSDate(),
    });

    await h.track(user, 'order_completed');
    expect(await handle.result()).toMatchObject({ reason: 'exitOn', nodeId: 'm' });
    expect(
      await MessageModel.countDocuments({
        workflowId: body.workflowId,
        status: { $in: ['sending', 'sent', 'delivered'] },
      }),
    ).toBe(0);
  });

  it('sends at once for a journey set to bypass the contact policy', async () => {
    const user = `qb-${randomUUID()}`;
    await h.identify(user, { email: `${user}@example.com`, timezone: 'Asia/Seoul' });
    const { body } = await h.api<{ workflowId: string }>('POST', `/api/journeys/${ids.bypass}/trigger`, {
      userId: user,
    });
    await h.temporal.workflow.getHandle(body.workflowId).result();
    expect(await MessageModel.findOne({ workflowId: body.workflowId }).lean()).toMatchObject({
      status: 'delivered',
      capped: false,
    }); // sandbox: the saved settings removed the email provider
  });
});
