import { MockActivityEnvironment } from '@temporalio/testing';
import type { ActivityRequest } from '@waymark/workflows/temporal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activitiesFor } from '../../src/engine.js';
import { EntryModel, ProfileChangeModel, ProfileModel } from '../../src/models/index.js';
import { stepRegistry } from '../../src/steps/registry.js';
import { startHarness, type Harness } from '../engine-harness.js';

/** A worker process's activities (each call builds a fresh one: a retry after a crash runs in another process). */
const workerActivities = () =>
  activitiesFor({
    channels: {},
    publicUrl: 'http://waymark.test',
    trackingSecret: 'tracking-test',
    steps: stepRegistry([]),
  }).activities;

/**
 * An `updateProfile` step whose first attempt died after its write: the retry must neither apply the
 * change again nor lose the segment entry the change made (it compares with the profile as it was
 * before the first attempt, not with the one that attempt already changed).
 */
describe('a retried profile step', () => {
  let h: Harness;
  let segmentJourney: string;
  beforeAll(async () => {
    h = await startHarness('step-changes');
    const { body } = await h.api<{ id: string }>('POST', '/api/journeys', {
      name: 'Regulars',
      graph: {
        nodes: [
          {
            id: 't',
            type: 'trigger',
            data: { kind: 'segment', condition: { attr: 'profile.visits', op: 'gte', value: 3 } },
          },
          { id: 'x', type: 'exit', data: {} },
        ],
        edges: [{ source: 't', target: 'x' }],
      },
    });
    segmentJourney = body.id;
    expect((await h.api('POST', `/api/journeys/${segmentJourney}/publish`)).status).toBe(200);
  });
  afterAll(async () => h?.stop());

  const request = (userId: string, key: string): ActivityRequest<'updateProfile'> => ({
    entry: { workflowId: `journey:counter:${userId}`, journeyId: 'counter', version: 1, userId },
    kind: 'updateProfile',
    nodeId: 'u',
    requestId: 'u:1:updateProfile',
    idempotencyKey: key,
    payload: {
      update: { increment: { visits: 1 }, set: { lastVisit: 'today' } },
      trigger: { name: 'visited', messageId: 'visit-1', properties: {}, timestamp: new Date().toISOString() },
    },
  });
  const perform = (env: MockActivityEnvironment, req: ActivityRequest<'updateProfile'>) =>
    env.run(workerActivities().perform<'updateProfile'>, req);

  it('applies an increment once and still enters the segment the change entered', async () => {
    await ProfileModel.create({ userId: 'rey', traits: { visits: 2 } });
    const key = 'journey:counter:rey:u:1';
    // First attempt: the write goes through, then the worker "dies" (no Temporal client: entering the segment journey fails).
    await expect(
      perform(new MockActivityEnvironment({ taskQueue: h.taskQueue }), request('rey', key)),
    ).rejects.toThrow();
    expect((await ProfileModel.findOne({ userId: 'rey' }).lean())?.traits).toEqual({ visits: 3, lastVisit: 'today' });
    expect(
      await EntryModel.countDocuments({ journeyId: segmentJourney, userId: 'rey', status: { $ne: 'starting' } }),
    ).toBe(0);

    // The retry, on another worker.
    const after = await perform(
      new MockActivityEnvironment({ taskQueue: h.taskQueue }, { client: h.temporal }),
      request('rey', key),
    );
    expect(after).toMatchObject({ visits: 3, lastVisit: 'today' });
    expect((await ProfileModel.findOne({ userId: 'rey' }).lean())?.traits).toEqual({ visits: 3, lastVisit: 'today' });
    const entries = await EntryModel.find({ journeyId: segmentJourney, userId: 'rey' }).lean();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.triggerId).toBe(`profile:${key}`);
  });

  it('applies each step of its own, and journals the profile before each', async () => {
    await ProfileModel.create({ userId: 'sol', traits: { visits: 0 } });
    const env = new MockActivityEnvironment({ taskQueue: h.taskQueue }, { client: h.temporal });
    for (const visit of [1, 2]) await perform(env, request('sol', `journey:counter:sol:u:${visit}`));
    await perform(env, request('sol', 'journey:counter:sol:u:2'));
    expect((await ProfileModel.findOne({ userId: 'sol' }).lean())?.traits).toMatchObject({ visits: 2 });
    const journaled = await ProfileChangeModel.find({ userId: 'sol' }).sort({ _id: 1 }).lean();
    expect(journaled.map((change) => [change._id, (change.before as { visits: number }).visits])).toEqual([
      ['journey:counter:sol:u:1', 0],
      ['journey:counter:sol:u:2', 1],
    ]);
  });
});
