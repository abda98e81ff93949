import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageModel } from '../../src/models/index.js';
import { pollUntil } from '../../src/services/wait.js';
import { startHarness, type Harness } from '../engine-harness.js';

const runaway = '{% for i in (1..100000000) %}x{% endfor %}';
/** A loop sized by the data: fine at compile time, over the limit for an event that asks for 100 million. */
const dataSized = '{% for i in (1..event.properties.n) %}x{% endfor %}';

function journey(name: string, body: string) {
  return {
    name,
    graph: {
      nodes: [
        { id: 't', type: 'trigger', data: { kind: 'api' } },
        { id: 'm', type: 'message', data: { channel: 'sms', template: { body } } },
        { id: 'x', type: 'exit', data: {} },
      ],
      edges: [
        { source: 't', target: 'm' },
        { source: 'm', target: 'x' },
      ],
    },
    settings: { reentry: 'always' },
  };
}

describe('templates over a limit fail their message, never the engine', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('template-limits', { smtp: false });
  });
  afterAll(async () => h?.stop());

  it('refuses to publish a runaway literal loop and simulates it quickly with a field error', async () => {
    const { body: created } = await h.api<{ id: string }>('POST', '/api/journeys', journey('Runaway', runaway));
    const started = Date.now();
    const simulated = await h.api('POST', `/api/journeys/${created.id}/simulate`, {
      profile: { userId: 'u', phone: '+15550001234' },
    });
    // Unlimited, the 100-million-step loop would run far longer; the bound leaves room for a loaded machine.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(simulated.status).toBe(200);
    expect(simulated.body).toMatchObject({
      end: { reason: 'invalid' },
      errors: [{ code: 'template_limit', nodeId: 'm', path: 'template.body' }],
    });
    const published = await h.api('POST', `/api/journeys/${created.id}/publish`);
    expect(published.status).toBe(422);
    expect(JSON.stringify(published.body)).toContain('template_limit');
  });

  it('fails the message of a data-sized runaway with reason template_limit while the engine keeps answering', async () => {
    const { body: created } = await h.api<{ id: string }>(
      'POST',
      '/api/journeys',
      journey('Data-sized loop', dataSized),
    );
    expect((await h.api('POST', `/api/journeys/${created.id}/publish`)).status).toBe(200);
    await h.identify('loop-user', { phone: '+15550001234' });
    const small = await h.api('POST', `/api/journeys/${created.id}/trigger`, { userId: 'loop-user', data: { n: 3 } });
    const huge = await h.api('POST', `/api/journeys/${created.id}/trigger`, {
      userId: 'loop-user',
      data: { n: 100_000_000 },
    });
    expect([small.status, huge.status]).toEqual([202, 202]);

    const slowest = { ms: 0 };
    const outcomes = await pollUntil(
      'both messages settled',
      async () => {
        const started = Date.now();
        const messages = await h.api<{ messages: { status: string; reason?: string }[] }>(
          'GET',
          `/api/messages?journeyId=${created.id}`,
        );
        slowest.ms = Math.max(slowest.ms, Date.now() - started);
        const settled = messages.body.messages.filter((m) => m.status !== 'sending');
        return settled.length === 2 ? settled : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
    expect(outcomes.map((m) => m.reason ?? m.status).sort()).toEqual(['template_limit', 'delivered'].sort());
    const failed = await MessageModel.findOne({ journeyId: created.id, reason: 'template_limit' }).lean();
    expect(failed?.status).toBe('failed');
    // The API stayed responsive while the template ran into its limit (an unlimited loop would block it far longer).
    expect(slowest.ms).toBeLessThan(5_000);
  });
});
