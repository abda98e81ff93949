import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntryModel, ProfileModel } from '../../src/models/index.js';
import { pollUntil } from '../../src/services/wait.js';
import { startHarness, type Harness } from '../engine-harness.js';

const segmentJourney = {
  name: 'Gold welcome',
  graph: {
    nodes: [
      {
        id: 't',
        type: 'trigger',
        data: { kind: 'segment', condition: { attr: 'profile.tier', op: 'eq', value: 'gold' } },
      },
      {
        id: 'gold',
        type: 'branch',
        data: { branches: [{ id: 'yes', condition: { attr: 'profile.tier', op: 'eq', value: 'gold' } }] },
      },
      { id: 'x', type: 'exit', data: {} },
      { id: 'odd', type: 'exit', data: {} },
    ],
    edges: [
      { source: 't', target: 'gold' },
      { source: 'gold', sourceHandle: 'yes', target: 'x' },
      { source: 'gold', sourceHandle: 'else', target: 'odd' },
    ],
  },
};

describe('publishing a segment journey with "also enter everyone who matches now"', () => {
  let h: Harness;
  beforeAll(async () => (h = await startHarness('segment-audience', { smtp: false })));
  afterAll(async () => h?.stop());

  it('enters the profiles that match at publish, paged through Temporal, and nobody else', async () => {
    await ProfileModel.insertMany([
      { userId: 'seg-ann', traits: { tier: 'gold' } },
      { userId: 'seg-bob', traits: { tier: 'silver' } },
      { userId: 'seg-cat', traits: { tier: 'gold' } },
    ]);
    const { body } = await h.api<{ id: string }>('POST', '/api/journeys', segmentJourney);
    const published = await h.api<{ version: number; audienceWorkflowId: string }>(
      'POST',
      `/api/journeys/${body.id}/publish`,
      { enterMatching: true },
    );
    expect(published).toMatchObject({
      status: 200,
      body: { version: 1, audienceWorkflowId: `journey-audience:${body.id}-publish-v1` },
    });
    expect(await h.temporal.workflow.getHandle(published.body.audienceWorkflowId).result()).toEqual({
      scanned: 3,
      matched: 2,
    });

    const ended = await pollUntil('both entries to end', async () => {
      const entries = await EntryModel.find({ journeyId: body.id, status: 'completed' }).lean();
      return entries.length === 2 ? entries : undefined;
    });
    // The run started with the profile as of entry: straight through the gold branch.
    expect(ended.map((e) => [e.userId, e.currentNode]).sort()).toEqual([
      ['seg-ann', 'x'],
      ['seg-cat', 'x'],
    ]);
    expect(await EntryModel.countDocuments({ journeyId: body.id, userId: 'seg-bob' })).toBe(0);
  });

  it('enters when a track event makes the user start matching a history segment, once', async () => {
    const history = {
      ...segmentJourney,
      name: 'Two carts',
      graph: {
        ...segmentJourney.graph,
        nodes: [
          {
            id: 't',
            type: 'trigger',
            data: {
              kind: 'segment',
              condition: { performed: 'added_to_cart', count: { op: 'gte', value: 2 }, within: 'P30D' },
            },
          },
          ...segmentJourney.graph.nodes.slice(1),
        ],
      },
    };
    const { body } = await h.api<{ id: string }>('POST', '/api/journeys', history);
    expect((await h.api('POST', `/api/journeys/${body.id}/publish`)).status).toBe(200);
    const cart = async () => {
      await h.track('seg-dan', 'added_to_cart', { productId: 'p1' });
      await h.engine.router.idle();
      return EntryModel.countDocuments({ journeyId: body.id, userId: 'seg-dan' });
    };
    expect(await cart()).toBe(0);
    expect(await cart()).toBe(1);
    // Already matching before the third: no new entry (the first has ended by now or is still running).
    await pollUntil(
      'the entry to end',
      async () =>
        (await EntryModel.exists({ journeyId: body.id, userId: 'seg-dan', status: 'completed' })) ?? undefined,
    );
    expect(await cart()).toBe(1);
  });

  it('estimates the audience of a segment condition for the designer', async () => {
    const estimate = await h.api('POST', '/api/segments/estimate', {
      condition: { attr: 'profile.tier', op: 'eq', value: 'gold' },
    });
    expect(estimate).toEqual({
      status: 200,
      body: { matched: 2, scanned: expect.any(Number), total: expect.any(Number), exact: true, estimate: 2 },
    });
    expect(estimate.body.scanned).toBe(estimate.body.total);
    const history = await h.api('POST', '/api/segments/estimate', {
      condition: { performed: 'added_to_cart', count: { op: 'gte', value: 2 } },
    });
    expect(history.body).toMatchObject({ matched: 1, estimate: 1 });
    const bad = await h.api('POST', '/api/segments/estimate', { condition: { attr: 'plan', op: 'eq', value: 'x' } });
    expect(bad).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('condition') } } });
    // As the compiler has it: a segment reads no event.
    const eventPath = await h.api('POST', '/api/segments/estimate', {
      condition: {
        any: [
          { attr: 'profile.tier', op: 'exists' },
          { attr: 'trigger.properties.plan', op: 'exists' },
        ],
      },
    });
    expect(eventPath).toMatchObject({
      status: 400,
      body: {
        error: {
          code: 'invalid_request',
          message: expect.stringContaining('condition.any.1.attr: a segment reads the profile and event history'),
        },
      },
    });
  });

  it('enters when a step of another journey changes the profile so that it starts matching, once', async () => {
    const { body: gold } = await h.api<{ id: string }>('POST', '/api/journeys', {
      ...segmentJourney,
      name: 'Gold (steps)',
    });
    expect((await h.api('POST', `/api/journeys/${gold.id}/publish`)).status).toBe(200);
    const { body: upgrade } = await h.api<{ id: string }>('POST', '/api/journeys', {
      name: 'Upgrade',
      graph: {
        nodes: [
          { id: 't', type: 'trigger', data: { kind: 'event', event: 'paid' } },
          { id: 'u', type: 'updateProfile', data: { set: { tier: 'gold' } } },
          { id: 'x', type: 'exit', data: {} },
        ],
        edges: [
          { source: 't', target: 'u' },
          { source: 'u', target: 'x' },
        ],
      },
      settings: { reentry: 'always' },
    });
    expect((await h.api('POST', `/api/journeys/${upgrade.id}/publish`)).status).toBe(200);
    await h.identify('seg-eve', { tier: 'silver' });
    await h.engine.router.idle();

    const upgraded = async (times: number) => {
      await h.track('seg-eve', 'paid');
      await pollUntil(`upgrade ${times} to complete`, async () => {
        const done = await EntryModel.countDocuments({ journeyId: upgrade.id, userId: 'seg-eve', status: 'completed' });
        return done === times ? true : undefined;
      });
    };
    await upgraded(1);
    const entered = await pollUntil(
      'the gold journey to enter her',
      async () => (await EntryModel.findOne({ journeyId: gold.id, userId: 'seg-eve' }).lean()) ?? undefined,
    );
    expect(entered.triggerId).toMatch(/^profile:/);
    // Gold already before the second upgrade: no new entry.
    await upgraded(2);
    expect(await EntryModel.countDocuments({ journeyId: gold.id, userId: 'seg-eve' })).toBe(1);
  });

  it('rejects enterMatching for a journey without a segment trigger, publishing nothing', async () => {
    const { body } = await h.api<{ id: string }>('POST', '/api/journeys', {
      ...segmentJourney,
      name: 'Event',
      graph: {
        ...segmentJourney.graph,
        nodes: [
          { id: 't', type: 'trigger', data: { kind: 'event', event: 'signed_in' } },
          ...segmentJourney.graph.nodes.slice(1),
        ],
      },
    });
    const answer = await h.api('POST', `/api/journeys/${body.id}/publish`, { enterMatching: true });
    expect(answer).toMatchObject({
      status: 422,
      body: { error: { code: 'not_a_segment_journey', message: expect.stringContaining('enterMatching') } },
    });
    expect((await h.api('GET', `/api/journeys/${body.id}`)).body.version).toBeNull();
    expect((await h.api('POST', `/api/journeys/${body.id}/publish`, { enterMatching: 'yes' })).status).toBe(400);
  });
});
