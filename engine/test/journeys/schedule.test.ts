import { ScheduleNotFoundError } from '@temporalio/client';
import type { AudienceInput, AudienceTotals } from '@waymark/workflows/temporal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntryModel, MessageModel, ProfileModel } from '../../src/models/index.js';
import { scheduleIdOf } from '../../src/scheduling/schedule-spec.js';
import { pollUntil } from '../../src/services/wait.js';
import { startHarness, type Harness } from '../engine-harness.js';

/** Yearly at midnight, 1 January: it never fires during the test on its own; runs are triggered. */
const journey = (name: string, trigger: Record<string, unknown>) => ({
  name,
  graph: {
    nodes: [
      { id: 't', type: 'trigger', data: { kind: 'schedule', ...trigger } },
      {
        id: 'm',
        type: 'message',
        data: { channel: 'email', template: { subject: 'Your monthly summary', text: 'Hi' } },
      },
      { id: 'x', type: 'exit', data: {} },
    ],
    edges: [
      { source: 't', target: 'm' },
      { source: 'm', target: 'x' },
    ],
  },
  settings: { timezone: 'America/New_York' },
});

describe('scheduled journeys', () => {
  let h: Harness;
  beforeAll(async () => (h = await startHarness('schedule', { smtp: false })));
  afterAll(async () => h?.stop());

  it('enters exactly the matching audience once per scheduled time, follows versions, pause, resume and archive', async () => {
    // 90 profiles, every third one on the free plan: 60 match (kept small: the suite runs files in parallel on two cores).
    await ProfileModel.insertMany(
      Array.from({ length: 90 }, (_, i) => ({
        userId: `member-${String(i).padStart(3, '0')}`,
        email: `member-${i}@example.com`,
        traits: { plan: i % 3 === 0 ? 'free' : 'pro' },
      })),
    );
    const created = await h.api<{ id: string }>(
      'POST',
      '/api/journeys',
      journey('Monthly summary', {
        cron: '0 0 1 1 *',
        timezone: 'Europe/Berlin',
        audience: { attr: 'profile.plan', op: 'eq', value: 'pro' },
      }),
    );
    const id = created.body.id;
    expect((await h.api('POST', `/api/journeys/${id}/publish`)).body.version).toBe(1);

    const schedule = h.temporal.schedule.getHandle(scheduleIdOf(id));
    const described = await schedule.describe();
    expect(described.spec.timezone).toBe('Europe/Berlin');
    expect(described.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'audience',
      taskQueue: h.taskQueue,
      args: [{ journeyId: id, version: 1 }],
    });
    expect(described.state.paused).toBe(false);

    await schedule.trigger();
    const run = await pollUntil('the triggered run', async () => (await schedule.describe()).info.recentActions[0]);
    const totals: AudienceTotals = await h.temporal.workflow.getHandle(run.action.workflow.workflowId).result();
    expect(totals).toEqual({ scanned: 90, matched: 60 });
    const sent = await pollUntil(
      '60 messages',
      async () => ((await MessageModel.countDocuments({ journeyId: id, status: 'delivered' })) === 60 ? 60 : undefined),
      { timeoutMs: 120_000, intervalMs: 500 },
    );
    expect(sent).toBe(60);
    const entries = await EntryModel.find({ journeyId: id }).lean();
    expect(entries).toHaveLength(60);
    expect(entries.every((entry) => Number(entry.userId.slice('member-'.length)) % 3 !== 0)).toBe(true);
    const runKey = entries[0]!.triggerId.split(':').slice(1, -1).join(':');
    // The run's scheduled time, as Temporal records it on the run (whole seconds).
    expect(Date.parse(runKey)).toBe(Math.floor(run.scheduledAt.getTime() / 1000) * 1000);

    // The same scheduled time again (a retried or repeated run): nobody is entered twice. Small pages
    // and runs make it continue as new several times, carrying the cursor and the totals.
    const again: AudienceInput = { journeyId: id, version: 1, runKey, pageSize: 20, pagesPerRun: 2 };
    const repeated = await h.temporal.workflow.start('audience', {
      workflowId: `${run.action.workflow.workflowId}-again`,
      taskQueue: h.taskQueue,
      args: [again],
    });
    expect(await repeated.result()).toEqual({ scanned: 90, matched: 60 });
    expect((await repeated.describe()).runId).not.toBe(repeated.firstExecutionRunId);
    expect(await EntryModel.countDocuments({ journeyId: id })).toBe(60);
    expect(await MessageModel.countDocuments({ journeyId: id })).toBe(60);

    expect((await h.api('POST', `/api/journeys/${id}/publish`)).body.version).toBe(2);
    expect((await schedule.describe()).action).toMatchObject({ args: [{ journeyId: id, version: 2 }] });
    await h.api('POST', `/api/journeys/${id}/pause`);
    expect((await schedule.describe()).state.paused).toBe(true);
    await h.api('POST', `/api/journeys/${id}/resume`);
    expect((await schedule.describe()).state.paused).toBe(false);
    await h.api('POST', `/api/journeys/${id}/archive`);
    await expect(schedule.describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
  }, 240_000);

  it('runs a one-off `at` in the journey time zone once', async () => {
    // Far enough ahead that the schedule surely exists by then: one created after its `at` never fires.
    const at = new Date(Date.now() + 10_000);
    const { body } = await h.api<{ id: string }>(
      'POST',
      '/api/journeys',
      journey('One-off', { at: at.toISOString(), audience: { attr: 'profile.userId', op: 'eq', value: 'member-001' } }),
    );
    await h.api('POST', `/api/journeys/${body.id}/publish`);
    const schedule = h.temporal.schedule.getHandle(scheduleIdOf(body.id));
    expect((await schedule.describe()).spec.timezone).toBe('America/New_York');
    const entry = await pollUntil(
      'the one-off entry',
      () =>
        EntryModel.findOne({ journeyId: body.id })
          .lean()
          .then((e) => e ?? undefined),
      { timeoutMs: 60_000 },
    );
    expect(entry).toMatchObject({
      userId: 'member-001',
      triggerId: `schedule:${new Date(Math.floor(at.getTime() / 1000) * 1000).toISOString()}:member-001`,
    });
    expect((await schedule.describe()).state.remainingActions).toBe(0);
  }, 90_000);
});
