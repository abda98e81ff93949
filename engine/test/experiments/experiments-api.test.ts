import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArmCounterModel, EntryModel, MessageModel, SplitAssignmentModel } from '../../src/models/index.js';
import { pollUntil } from '../../src/services/wait.js';
import { startHarness, type Harness } from '../engine-harness.js';
import { experiment } from './experiment-journey.js';

const USERS = 40;

describe('experiments API on the real engine', () => {
  let h: Harness;
  let journeyId: string;
  const users = Array.from({ length: USERS }, (_, i) => `exp-${Date.now()}-${i}`);

  beforeAll(async () => {
    h = await startHarness('experiments', { smtp: false });
    const created = await h.api<{ id: string }>('POST', '/api/journeys', experiment);
    journeyId = created.body.id;
    expect((await h.api('POST', `/api/journeys/${journeyId}/publish`)).body).toMatchObject({ version: 1 });
    for (const [i, user] of users.entries()) {
      await h.identify(user, { phone: `+1555020${String(i).padStart(4, '0')}` });
      await h.track(user, 'signed_up');
    }
    await pollUntil(
      'every entry to wait for the purchase',
      async () => ((await EntryModel.countDocuments({ journeyId, currentNode: 'wait' })) === USERS ? true : undefined),
      { timeoutMs: 60_000 },
    );
  });
  afterAll(async () => h?.stop());

  it('assigns arms stickily, keeps the control group out of the optimizer and sends it nothing', async () => {
    const entries = await EntryModel.find({ journeyId }).lean();
    const control = entries.filter((e) => e.holdout);
    const treated = entries.filter((e) => !e.holdout);
    expect(control.length).toBeGreaterThan(0);
    expect(treated.length).toBeGreaterThan(0);
    for (const entry of entries) expect(entry.arms).toEqual([{ node: 'split', arm: expect.stringMatching(/^[ab]$/) }]);

    // The optimizer stored each treated user's arm once, counted each entry, and never saw the control group.
    const assignments = await SplitAssignmentModel.find({ journeyId }).lean();
    expect(assignments.map((a) => a.userId).sort()).toEqual(treated.map((e) => e.userId).sort());
    for (const entry of treated)
      expect(assignments.find((a) => a.userId === entry.userId)!.arm).toBe(entry.arms[0]!.arm);
    // Sharded counters: FerretDB may still lose a rare concurrent $inc, never invent one.
    const counted = (await ArmCounterModel.find({ journeyId, version: 1 }).lean()).reduce(
      (sum, c) => sum + c.entered,
      0,
    );
    expect(counted).toBeLessThanOrEqual(treated.length);
    expect(counted).toBeGreaterThanOrEqual(Math.floor(treated.length * 0.9));

    const messages = await MessageModel.find({ journeyId }).lean();
    expect(messages.map((m) => m.userId).sort()).toEqual(treated.map((e) => e.userId).sort());
    for (const message of messages)
      expect(message.nodeId).toBe(`sms_${treated.find((e) => e.userId === message.userId)!.arms[0]!.arm}`);
  });

  it('reports exact arm and holdout counts with intervals, and counts conversions for the arm taken', async () => {
    const entries = await EntryModel.find({ journeyId }).lean();
    // Every B user and every other control user buys.
    const control = entries.filter((e) => e.holdout);
    const buyers = entries.filter((e) => (e.holdout ? control.indexOf(e) % 2 === 0 : e.arms[0]!.arm === 'b'));
    for (const entry of buyers) await h.track(entry.userId, 'purchased');
    await pollUntil(
      'the conversions',
      async () =>
        (await EntryModel.countDocuments({ journeyId, convertedAt: { $exists: true } })) === buyers.length
          ? true
          : undefined,
      { timeoutMs: 60_000 },
    );

    const report = await h.api('GET', `/api/journeys/${journeyId}/experiments?version=1`);
    expect(report.status).toBe(200);
    const treated = entries.filter((e) => !e.holdout);
    const onArm = (arm: string) => treated.filter((e) => e.arms[0]!.arm === arm).length;
    const [a, b] = report.body.splits[0].arms;
    expect(report.body.splits[0]).toMatchObject({ nodeId: 'split', mode: 'optimize' });
    expect(a).toMatchObject({ id: 'a', entered: onArm('a'), converted: 0, rate: 0 });
    expect(b).toMatchObject({ id: 'b', entered: onArm('b'), converted: onArm('b'), rate: 1 });
    expect(a.ci95[0]).toBeCloseTo(0, 10);
    expect(a.ci95[1]).toBeGreaterThan(0);
    expect(b.ci95[1]).toBeCloseTo(1, 10);
    expect(a.probabilityBest + b.probabilityBest).toBeCloseTo(1, 6);
    expect(b.probabilityBest).toBeGreaterThan(0.99);
    expect(report.body.splits[0].winner).toBe('b');
    // Fewer than the minimum sample per arm: not decided yet.
    expect(report.body.splits[0].decided).toBe(false);

    const controlBuyers = buyers.filter((e) => e.holdout).length;
    expect(report.body.holdout).toMatchObject({
      percent: 20,
      control: { entered: control.length, converted: controlBuyers, rate: controlBuyers / control.length },
      treatment: { entered: treated.length, converted: onArm('b'), rate: onArm('b') / treated.length },
    });
    const { uplift } = report.body.holdout;
    expect(uplift.abs).toBeCloseTo(onArm('b') / treated.length - controlBuyers / control.length, 10);
    expect(uplift.ci95[0]).toBeLessThan(uplift.abs);
    expect(uplift.ci95[1]).toBeGreaterThan(uplift.abs);

    const counters = await ArmCounterModel.find({ journeyId, version: 1 }).lean();
    const convertedOn = (arm: string) => counters.filter((c) => c.arm === arm).reduce((sum, c) => sum + c.converted, 0);
    expect(convertedOn('b')).toBeLessThanOrEqual(onArm('b'));
    expect(convertedOn('b')).toBeGreaterThanOrEqual(Math.floor(onArm('b') * 0.9));
    expect(convertedOn('a')).toBe(0);
  });

  it('keeps a returning user on the same arm', async () => {
    const first = await EntryModel.findOne({ journeyId, holdout: { $ne: true }, status: 'completed' }).lean();
    expect(first).not.toBeNull();
    await h.track(first!.userId, 'signed_up');
    const again = await pollUntil(
      'the second entry',
      async () =>
        (await EntryModel.findOne({
          journeyId,
          userId: first!.userId,
          _id: { $ne: first!._id },
          currentNode: 'wait',
        }).lean()) ?? undefined,
      { timeoutMs: 30_000 },
    );
    expect(again.arms).toEqual(first!.arms);
  });

  it('serves time series, funnel and per-arm series, bounded and validated', async () => {
    const entries = await EntryModel.find({ journeyId }).lean();
    const series = await h.api('GET', `/api/journeys/${journeyId}/analytics?version=1&bucket=hour`);
    expect(series.status).toBe(200);
    const sum = (key: 'entries' | 'conversions') =>
      series.body.points.reduce((total: number, p: Record<string, number>) => total + p[key]!, 0);
    expect(sum('entries')).toBe(entries.length);
    expect(sum('conversions')).toBe(entries.filter((e) => e.convertedAt).length);
    const smsDelivered = series.body.points.reduce(
      (total: number, p: { sends: Record<string, Record<string, number>> }) => total + (p.sends.sms?.delivered ?? 0),
      0,
    );
    // Sandbox SMS: every treated entry's message is recorded as delivered.
    expect(smsDelivered).toBe(entries.filter((e) => !e.holdout).length);
    expect(series.body.funnel.map((f: { step: string }) => f.step)).toEqual([
      'entered',
      'sent',
      'opened',
      'clicked',
      'converted',
    ]);
    expect(series.body.funnel[0].count).toBe(entries.length);

    const armB = await h.api('GET', `/api/journeys/${journeyId}/analytics?version=1&split=split&arm=b`);
    const bEntries = entries.filter((e) => e.arms[0]!.arm === 'b');
    expect(armB.body.funnel[0].count).toBe(bEntries.length);
    const bMessages = armB.body.points.reduce(
      (total: number, p: { sends: Record<string, Record<string, number>> }) =>
        total + Object.values(p.sends.sms ?? {}).reduce((s, n) => s + n, 0),
      0,
    );
    expect(bMessages).toBe(await MessageModel.countDocuments({ journeyId, nodeId: 'sms_b' }));

    const tooMany = await h.api('GET', `/api/journeys/${journeyId}/analytics?from=2020-01-01T00:00:00Z&bucket=hour`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toContain('bucket');
    const badVersion = await h.api('GET', `/api/journeys/${journeyId}/experiments?version=abc`);
    expect(badVersion.status).toBe(400);
    expect(badVersion.body.error.message).toContain('version');
    expect((await h.api('GET', `/api/journeys/${journeyId}/experiments?version=9`)).status).toBe(404);
    expect((await h.api('GET', `/api/journeys/${journeyId}/analytics?split=split`)).status).toBe(400);
  });

  it('declares a winner: a new version sends everyone down the winning arm', async () => {
    const unknownArm = await h.api('POST', `/api/journeys/${journeyId}/experiments/split/winner`, { arm: 'c' });
    expect(unknownArm.status).toBe(400);
    expect(unknownArm.body.error.message).toContain('arm');
    expect((await h.api('POST', `/api/journeys/${journeyId}/experiments/nope/winner`, { arm: 'a' })).status).toBe(404);
    expect((await h.api('GET', `/api/journeys/${journeyId}`)).body.version).toBe(1);

    const declared = await h.api('POST', `/api/journeys/${journeyId}/experiments/split/winner`, { arm: 'b' });
    expect(declared).toMatchObject({ status: 200, body: { version: 2, nodeId: 'split', arm: 'b' } });
    const published = await h.api('GET', `/api/journeys/${journeyId}/versions/2`);
    expect(published.body.document.graph.nodes.find((n: { id: string }) => n.id === 'split').data).toEqual({
      mode: 'fixed',
      variants: [
        { id: 'a', weight: 0 },
        { id: 'b', weight: 100 },
      ],
    });

    const newcomers = Array.from({ length: 6 }, (_, i) => `winner-${Date.now()}-${i}`);
    for (const user of newcomers) await h.track(user, 'signed_up');
    await pollUntil(
      'the newcomers to wait',
      async () =>
        (await EntryModel.countDocuments({ journeyId, version: 2, currentNode: 'wait' })) === newcomers.length
          ? true
          : undefined,
      { timeoutMs: 30_000 },
    );
    const report = await h.api('GET', `/api/journeys/${journeyId}/experiments?version=2`);
    const [a, b] = report.body.splits[0].arms;
    expect(report.body.splits[0].mode).toBe('fixed');
    expect(a.entered).toBe(0);
    expect(b.entered + report.body.holdout.control.entered).toBe(newcomers.length);
  });
});
