import { Worker } from '@temporalio/worker';
import { LOCAL_BOOKKEEPING, LOGICAL_TIME, WaymarkNode } from '@waymark/workflows/temporal';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntryModel, TransitionModel } from '../../src/models/index.js';
import { workflowBundle } from '../../src/temporal/bundle.js';
import { startHarness, type Harness } from '../engine-harness.js';
import { activityNames, localActivityNames, payloadJson, type HistoryEvent } from '../history-events.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), 'utf8')) as { events: HistoryEvent[] };
/** A cart-style run (wait matched, goal, message, exit) recorded with the code before bookkeeping became local activities. */
const before = fixture('journey-history-before-local-bookkeeping');
/**
 * Trigger, "until 09:00" twice, exit (journey in Asia/Seoul, user in America/New_York), recorded on the
 * time-skipping server: the first timer fires and the profile loads milliseconds after 09:00. Before the
 * logical clock the second wait then went on to the next day's 09:00 (a second timer); with it the entry
 * leaves at the first 09:00.
 */
const twoWaitsBefore = fixture('journey-history-two-local-waits-before-logical-time');
const twoWaitsLogical = fixture('journey-history-two-local-waits');
/** Trigger, email, exit, started with driver revision 1 (no patches; the send and the end carry the moves before them). */
const driverOne = fixture('journey-history-driver-1');
/** The same with driver revision 2: the send's activity recorded the end; one WaymarkNode update, to the exit. */
const driverTwo = fixture('journey-history-driver-2');
/** The same with driver revision 3: the send a local activity, in the run's only workflow task. */
const driverThree = fixture('journey-history-driver-3');
const timerCount = (events: HistoryEvent[]) => events.filter((e) => e.timerStartedEventAttributes).length;
/** Patch ids the history's markers record, in order. */
const patchIds = (events: HistoryEvent[] | null | undefined) =>
  (events ?? [])
    .filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch')
    .flatMap((m) =>
      (m.markerRecordedEventAttributes?.details?.['patch-data']?.payloads ?? []).map(
        (p) => payloadJson<{ id: string }>(p.data).id,
      ),
    );
/** The journey's outcome as the history's completion records it. */
const outcomeOf = (events: HistoryEvent[]) => {
  const result = events.at(-1)?.workflowExecutionCompletedEventAttributes?.result;
  return payloadJson<{ reason: string; at: string; nodeId: string }>(result?.payloads?.[0]?.data);
};
/** Replays a history: a fixture's JSON, or one fetched from the server. */
const replay = async (history: { events?: unknown[] | null }) =>
  Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history);

describe('interpreter and driver changes keep running journeys replayable (patched)', () => {
  let h: Harness;
  beforeAll(async () => (h = await startHarness('replay')));
  afterAll(async () => h?.stop());

  it('replays a history recorded before the change without a determinism error', async () => {
    expect(activityNames(before.events)).toEqual([
      'recordMoves',
      'recordConversion',
      'perform',
      'recordMoves',
      'perform',
      'recordMoves',
      'endEntry',
    ]);
    await expect(replay(before)).resolves.toBeUndefined();
  });

  it('replays two local-time waits recorded before the logical clock (the second timer a day later)', async () => {
    expect(patchIds(twoWaitsBefore.events)).toEqual([LOCAL_BOOKKEEPING]);
    expect(timerCount(twoWaitsBefore.events)).toBe(2);
    expect(outcomeOf(twoWaitsBefore.events).at).toMatch(/^2026-11-27T14:00:00/);
    await expect(replay(twoWaitsBefore)).resolves.toBeUndefined();
  });

  it('replays two local-time waits recorded with the logical clock (one timer, out at the first 09:00)', async () => {
    expect(patchIds(twoWaitsLogical.events)).toEqual([LOGICAL_TIME, LOCAL_BOOKKEEPING]);
    expect(timerCount(twoWaitsLogical.events)).toBe(1);
    expect(outcomeOf(twoWaitsLogical.events)).toEqual({ reason: 'exit', at: '2026-11-26T14:00:00.000Z', nodeId: 'x' });
    await expect(replay(twoWaitsLogical)).resolves.toBeUndefined();
  });

  it('replays a run of driver revision 1 (no patch markers, the moves recorded with the send and the end)', async () => {
    expect(patchIds(driverOne.events)).toEqual([]);
    expect(localActivityNames(driverOne.events)).toEqual(['endEntry']);
    await expect(replay(driverOne)).resolves.toBeUndefined();
  });

  it('replays a run of driver revision 2 (the end recorded with the send, no local activity)', async () => {
    expect(patchIds(driverTwo.events)).toEqual([]);
    expect(localActivityNames(driverTwo.events)).toEqual([]);
    expect(activityNames(driverTwo.events)).toEqual(['perform']);
    await expect(replay(driverTwo)).resolves.toBeUndefined();
  });

  it('replays a run of driver revision 3 (the send a local activity, no activity task)', async () => {
    expect(patchIds(driverThree.events)).toEqual([]);
    expect(localActivityNames(driverThree.events)).toEqual(['perform']);
    expect(activityNames(driverThree.events)).toEqual([]);
    await expect(replay(driverThree)).resolves.toBeUndefined();
  });

  it('new runs carry the driver revision: no patch markers, the moves and the end recorded with the send', async () => {
    const { body } = await h.api<{ id: string }>('POST', '/api/journeys', {
      name: 'Patched',
      graph: {
        nodes: [
          { id: 't', type: 'trigger', data: { kind: 'api' } },
          { id: 'm', type: 'message', data: { channel: 'email', template: { subject: 'Hi', text: 'x' } } },
          { id: 'x', type: 'exit', data: {} },
        ],
        edges: [
          { source: 't', target: 'm' },
          { source: 'm', target: 'x' },
        ],
      },
    });
    await h.api('POST', `/api/journeys/${body.id}/publish`);
    await h.identify('bea', { email: 'bea@example.com' });
    const { body: entered } = await h.api<{ workflowId: string }>('POST', `/api/journeys/${body.id}/trigger`, {
      userId: 'bea',
    });
    const handle = h.temporal.workflow.getHandle(entered.workflowId);
    await handle.result();
    const history = await handle.fetchHistory();
    // Driver revision 3: the send ran as a local activity, in the first workflow task; no activity task.
    expect(activityNames(history.events)).toEqual([]);
    expect(localActivityNames(history.events)).toEqual(['perform']);
    expect(history.events?.filter((e) => e.workflowTaskCompletedEventAttributes)).toHaveLength(1);
    // Ops read it in the Temporal UI by the same summary a regular activity had.
    const marker = history.events?.find((e) => e.markerRecordedEventAttributes);
    expect(payloadJson(marker?.userMetadata?.summary?.data)).toBe('email: Patched');
    // No `endEntry`: the send recorded the moves before it and the end (the store's rows below).
    expect(patchIds(history.events)).toEqual([]);
    // One WaymarkNode update, to the exit: the run started at the message, its first stop.
    expect(history.events?.filter((e) => e.upsertWorkflowSearchAttributesEventAttributes)).toHaveLength(1);
    expect((await handle.describe()).typedSearchAttributes.get(WaymarkNode)).toBe('x');
    await expect(replay(history)).resolves.toBeUndefined();
    const transitions = await TransitionModel.find({ workflowId: entered.workflowId }, { nodeId: 1 }).lean();
    expect(transitions.map((t) => t.nodeId).sort()).toEqual(['m', 't', 'x']);
    expect(await EntryModel.findOne({ workflowId: entered.workflowId }).lean()).toMatchObject({
      status: 'completed',
      currentNode: 'x',
    });
  });
});
