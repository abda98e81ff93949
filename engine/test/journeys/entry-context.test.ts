import { compile, simulate } from '@waymark/workflows';
import { stateQuery } from '@waymark/workflows/temporal';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileModel } from '../../src/models/index.js';
import { pollUntil } from '../../src/services/wait.js';
import { startHarness, type Harness } from '../engine-harness.js';

/** Right after the trigger: a branch on the tier, then a wait until 10:00 local time. */
const tierJourney = {
  name: 'Welcome by tier',
  graph: {
    nodes: [
      { id: 'trigger', type: 'trigger', data: { kind: 'event', event: 'signed_in' } },
      {
        id: 'tier',
        type: 'branch',
        data: { branches: [{ id: 'gold', condition: { attr: 'profile.tier', op: 'eq', value: 'gold' } }] },
      },
      { id: 'morning', type: 'waitUntil', data: { localTime: '10:00' } },
      { id: 'goldEnd', type: 'exit', data: {} },
      { id: 'end', type: 'exit', data: {} },
    ],
    edges: [
      { source: 'trigger', target: 'tier' },
      { source: 'tier', sourceHandle: 'gold', target: 'goldEnd' },
      { source: 'tier', sourceHandle: 'else', target: 'morning' },
      { source: 'morning', target: 'end' },
    ],
  },
  settings: { timezone: 'Asia/Seoul' },
};

describe('a run starts with the profile as of entry', () => {
  let h: Harness;
  let journeyId: string;

  beforeAll(async () => {
    h = await startHarness('entry-context');
    const created = await h.api<{ id: string }>('POST', '/api/journeys', tierJourney);
    journeyId = created.body.id;
    expect((await h.api('POST', `/api/journeys/${journeyId}/publish`)).status).toBe(200);
  });
  afterAll(async () => h?.stop());

  const enterAndWatch = async (user: string, traits: Record<string, unknown>) => {
    await h.identify(user, traits);
    await pollUntil(
      'the identify to be stored',
      async () => (await ProfileModel.exists({ userId: user })) ?? undefined,
    );
    await h.track(user, 'signed_in');
    const handle = h.temporal.workflow.getHandle(`journey:${journeyId}:${user}`);
    return pollUntil('the entry to be past the branch', async () => {
      const view = await handle.query(stateQuery).catch(() => undefined);
      return view && view.path.some((p) => p.nodeId === 'tier') ? { view, handle } : undefined;
    });
  };

  it('takes the gold branch right after the trigger for a gold-tier user identified beforehand, as simulated', async () => {
    const user = `gold-${Date.now()}`;
    const { handle } = await enterAndWatch(user, { tier: 'gold' });
    expect(await handle.result()).toMatchObject({ reason: 'exit', nodeId: 'goldEnd' });

    const simulated = simulate(tierJourney, {
      profile: { userId: user, tier: 'gold' },
      trigger: { name: 'signed_in', timestamp: new Date().toISOString() },
    });
    expect(simulated.end).toMatchObject({ reason: 'exit', nodeId: 'goldEnd' });
  });

  it("waits until 10:00 in the user's zone (New York), not the journey's (Seoul), as simulated", async () => {
    const user = `ny-${Date.now()}`;
    const { view } = await enterAndWatch(user, { tier: 'silver', timezone: 'America/New_York' });
    expect(view).toMatchObject({ nodeId: 'morning', waiting: { nodeId: 'morning' } });
    const until = DateTime.fromISO(view.waiting!.until, { zone: 'America/New_York' });
    expect(until.toFormat('HH:mm')).toBe('10:00');
    expect(until.diffNow().as('hours')).toBeLessThanOrEqual(24);

    const enteredAt = view.path[0]!.at;
    const compiled = compile(tierJourney);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    const simulated = simulate(compiled.ir, {
      profile: { userId: user, tier: 'silver', timezone: 'America/New_York' },
      trigger: { name: 'signed_in', timestamp: enteredAt },
    });
    expect(simulated.steps).toContainEqual({ nodeId: 'morning', at: view.waiting!.until, outcome: 'waited' });
    await h.temporal.workflow.getHandle(`journey:${journeyId}:${user}`).terminate('test done');
  });
});
