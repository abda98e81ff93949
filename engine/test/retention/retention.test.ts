import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyStats } from '../../src/journeys/stats.js';
import { EventModel, TransitionModel, TransitionRollupModel } from '../../src/models/index.js';
import { applyRetention } from '../../src/retention/retention.js';
import { connectIsolatedStore } from '../helpers.js';

const now = new Date('2027-03-20T12:00:00Z');
const daysAgo = (days: number, hours = 0) => new Date(now.getTime() - days * 86_400_000 - hours * 3_600_000);
const policy = { events: 'P30D', transitions: 'P7D' };

let n = 0;
const move = (journeyId: string, at: Date, nodeId: string, from?: { node: string; handle: string }) => ({
  key: `k${n++}`,
  workflowId: `wf${n}`,
  journeyId,
  version: 1,
  userId: `u${n}`,
  nodeId,
  at,
  ...(from ? { fromNodeId: from.node, handle: from.handle } : {}),
});
/** Five entries through trigger -> split (a or b) on `at`. */
const entries = (journeyId: string, at: Date) =>
  Array.from({ length: 5 }, (_, i) => [
    move(journeyId, at, 't'),
    move(journeyId, at, i < 3 ? 'a' : 'b', { node: 't', handle: i < 3 ? 'a' : 'b' }),
  ]).flat();

describe('retention of events and transitions', () => {
  beforeAll(async () => {
    await connectIsolatedStore('retention');
  });
  afterAll(async () => mongoose.disconnect());

  it('rolls old transitions up per day and edge: stats stay exact, the raw rows are gone, a second run changes nothing', async () => {
    await TransitionModel.insertMany([
      ...entries('j1', daysAgo(20)),
      ...entries('j1', daysAgo(10, 3)),
      ...entries('j1', daysAgo(10, 5)),
      ...entries('j1', daysAgo(1)),
    ]);
    const before = await journeyStats('j1');
    expect(before.nodes.t!.entered).toBe(20);

    expect(await applyRetention(policy, now)).toMatchObject({ transitions: 30 });
    expect(await TransitionModel.countDocuments({ journeyId: 'j1' })).toBe(10);
    expect(await TransitionRollupModel.countDocuments({ journeyId: 'j1' })).toBe(6); // 2 days x (t, t->a, t->b)
    expect(await journeyStats('j1')).toEqual(before);

    expect(await applyRetention(policy, now)).toMatchObject({ transitions: 0 });
    expect(await journeyStats('j1')).toEqual(before);
  });

  it('finishes a day whose counts were written before a crash without counting its rows twice', async () => {
    await TransitionModel.insertMany(entries('j2', daysAgo(12)));
    const before = await journeyStats('j2');
    await applyRetention(policy, now);
    // As if the previous run had died after writing the counts and before deleting: the rows are back.
    await TransitionModel.insertMany(entries('j2', daysAgo(12)));
    await applyRetention(policy, now);
    expect(await TransitionModel.countDocuments({ journeyId: 'j2' })).toBe(0);
    expect(await journeyStats('j2')).toEqual(before);
  });

  it('deletes routed events past their retention and keeps recent and unrouted ones', async () => {
    const event = (messageId: string, receivedAt: Date, routed: boolean) => ({
      messageId,
      type: 'track',
      userId: 'u',
      name: 'e',
      properties: {},
      timestamp: receivedAt,
      receivedAt,
      routed,
    });
    await EventModel.insertMany([
      event('old-routed', daysAgo(40), true),
      event('old-unrouted', daysAgo(40), false),
      event('recent', daysAgo(3), true),
    ]);
    expect(await applyRetention(policy, now)).toMatchObject({ events: 1 });
    expect((await EventModel.find({}, { messageId: 1 }).lean()).map((e) => e.messageId).sort()).toEqual([
      'old-unrouted',
      'recent',
    ]);
  });
});
