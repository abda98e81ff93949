import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntryModel, MessageModel, SettingsModel } from '../../src/models/index.js';
import { pollUntil } from '../../src/services/wait.js';
import { startHarness, tokens, type Harness } from '../engine-harness.js';
import { emailJourney } from '../helpers.js';

/** Several hundred journeys at once: what froze the embedded store before its concurrency was bounded (docs/store.md). */
const USERS = 300;

describe('a campaign of several hundred concurrent journeys', () => {
  let h: Harness;
  beforeAll(async () => (h = await startHarness('campaign', { channels: {} })));
  afterAll(async () => h?.stop());

  const batch = async (calls: object[]) => {
    const response = await fetch(`${h.app.base}/v1/batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.writeKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ batch: calls }),
    });
    expect(response.status).toBe(200);
  };

  it('takes every user to the end with exactly one message each while the store keeps answering', async () => {
    const { body } = await h.api('POST', '/api/journeys', emailJourney('campaign_go', {}));
    expect((await h.api('POST', `/api/journeys/${body.id}/publish`)).status).toBe(200);
    const users = Array.from({ length: USERS }, (_, i) => `campaign-${i}`);
    await batch(users.map((userId) => ({ type: 'identify', userId, traits: { email: `${userId}@example.com` } })));
    await batch(users.map((userId) => ({ type: 'track', userId, event: 'campaign_go' })));

    // While the journeys run, a keyed read must keep answering promptly (the freeze made every read hang).
    let slowestReadMs = 0;
    await pollUntil(
      `all ${USERS} entries to complete`,
      async () => {
        const started = performance.now();
        await SettingsModel.findById('workspace').lean();
        slowestReadMs = Math.max(slowestReadMs, performance.now() - started);
        return (await EntryModel.countDocuments({ journeyId: body.id, status: 'completed' })) === USERS
          ? true
          : undefined;
      },
      { timeoutMs: 240_000, intervalMs: 1_000 },
    );
    // Seconds at most on a loaded machine; a hung store answers nothing before the 30 s socket timeout.
    expect(slowestReadMs).toBeLessThan(10_000);

    const messages = await MessageModel.find({ journeyId: body.id }, { userId: 1, status: 1 }).lean();
    expect(messages).toHaveLength(USERS);
    expect(new Set(messages.map((m) => m.userId)).size).toBe(USERS);
    expect(messages.every((m) => m.status === 'delivered' || m.status === 'sent')).toBe(true);
    expect(await EntryModel.countDocuments({ journeyId: body.id })).toBe(USERS);
  });
});
