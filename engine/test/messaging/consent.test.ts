import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageModel, ProfileModel } from '../../src/models/index.js';
import { startHarness, type Harness } from '../engine-harness.js';

/** API-triggered: a message with email, else SMS, then exit. */
const fallback = {
  name: 'Consent check',
  graph: {
    nodes: [
      { id: 't', type: 'trigger', data: { kind: 'api' } },
      {
        id: 'm',
        type: 'message',
        data: {
          channels: [
            { channel: 'email', template: { subject: 'Hello', text: 'hi' } },
            { channel: 'sms', template: { body: 'hi' } },
          ],
          transactional: true,
        },
      },
      { id: 'x', type: 'exit', data: {} },
    ],
    edges: [
      { source: 't', target: 'm' },
      { source: 'm', target: 'x' },
    ],
  },
  settings: { reentry: 'always' },
};

describe('consent at send time', () => {
  let h: Harness;
  let journeyId: string;
  beforeAll(async () => {
    h = await startHarness('consent', { smtp: false });
    journeyId = (await h.api<{ id: string }>('POST', '/api/journeys', fallback)).body.id;
    await h.api('POST', `/api/journeys/${journeyId}/publish`);
  });
  afterAll(async () => h?.stop());

  async function run(user: string, consent: Record<string, boolean>) {
    await h.identify(user, { email: `${user}@example.com`, phone: '+15550199' });
    for (const [channel, subscribed] of Object.entries(consent)) {
      await ProfileModel.updateOne(
        { userId: user },
        { $set: { [`consent.${channel}`]: { subscribed, updatedAt: new Date() } } },
      );
    }
    const { body } = await h.api<{ workflowId: string }>('POST', `/api/journeys/${journeyId}/trigger`, {
      userId: user,
    });
    await h.temporal.workflow.getHandle(body.workflowId).result();
    return MessageModel.findOne({ workflowId: body.workflowId }).lean();
  }

  it('sends on the first channel when nothing was opted out', async () => {
    expect(await run(`c1-${Date.now()}`, {})).toMatchObject({ channel: 'email', status: 'delivered' });
  });

  it('falls back past a channel the user unsubscribed from, even for transactional messages', async () => {
    expect(await run(`c2-${Date.now()}`, { email: false })).toMatchObject({ channel: 'sms', status: 'delivered' });
  });

  it('sends nothing and says why when every reachable channel is opted out', async () => {
    expect(await run(`c3-${Date.now()}`, { email: false, sms: false })).toMatchObject({
      status: 'skipped',
      reason: 'no_consent',
    });
  });
});
