import { Worker } from '@temporalio/worker';
import { LOCAL_BOOKKEEPING, LOGICAL_TIME } from '@waymark/workflows/temporal';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntryModel } from '../../src/models/index.js';
import { workflowBundle } from '../../src/temporal/bundle.js';
import { startHarness, type Harness } from '../engine-harness.js';

/** A cart-style run (wait matched, goal, message, exit) recorded with the code before bookkeeping became local activities. */
const before = JSON.parse(
  readFileSync(new URL('../fixtures/journey-history-before-local-bookkeeping.json', import.meta.url), 'utf8'),
) as { events: HistoryEvent[] };
type HistoryEvent = {
  activityTaskScheduledEventAttributes?: { activityType?: { name?: string | null } | null } | null;
};
const activityNames = (events: HistoryEvent[] | null | undefined) =>
  (events ?? []).flatMap((e) =>
    e.activityTaskScheduledEventAttributes ? [e.activityTaskScheduledEventAttributes.activityType?.name] : [],
  );

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
    await expect(Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, before)).resolves.toBeUndefined();
  });

  it('new runs mark the patch and keep only the message and profile work as activities', async () => {
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
    expect(activityNames(history.events)).toEqual(['perform']);
    const markers = (history.events ?? []).filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch');
    expect(markers.length).toBeGreaterThan(0);
    const patchIds = markers.flatMap((m) =>
      (m.markerRecordedEventAttributes?.details?.['patch-data']?.payloads ?? []).map(
        (p) => (JSON.parse(Buffer.from(p.data!).toString()) as { id: string }).id,
      ),
    );
    expect(patchIds).toEqual([LOGICAL_TIME, LOCAL_BOOKKEEPING]);
    // The bookkeeping still happened, now as local activities: moves recorded, entry ended.
    expect(await EntryModel.findOne({ workflowId: entered.workflowId }).lean()).toMatchObject({
      status: 'completed',
      currentNode: 'x',
    });
  });
});
