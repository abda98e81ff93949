import { compile } from '@waymark/workflows';
import { DRIVER_REVISION, WaymarkNode, type JourneyInput } from '@waymark/workflows/temporal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollUntil } from '../../src/services/wait.js';
import { startHarness, type Harness } from '../engine-harness.js';

const waiting = {
  name: 'Waits an hour',
  graph: {
    nodes: [
      { id: 't', type: 'trigger', data: { kind: 'api' } },
      { id: 'd', type: 'delay', data: { duration: 'PT1H' } },
      { id: 'x', type: 'exit', data: {} },
    ],
    edges: [
      { source: 't', target: 'd' },
      { source: 'd', target: 'x' },
    ],
  },
};

type Events = { upsertWorkflowSearchAttributesEventAttributes?: unknown }[] | null | undefined;
const upserts = (events: Events) => (events ?? []).filter((e) => e.upsertWorkflowSearchAttributesEventAttributes);

describe('WaymarkNode: where an entry is, for operators in the Temporal UI', () => {
  let h: Harness;
  beforeAll(async () => (h = await startHarness('waymark-node', { smtp: false })));
  afterAll(async () => h?.stop());

  it('starts at the node the entry first stops at, without an update of its own', async () => {
    const { body } = await h.api<{ id: string }>('POST', '/api/journeys', waiting);
    await h.api('POST', `/api/journeys/${body.id}/publish`);
    const { body: entered } = await h.api<{ workflowId: string }>('POST', `/api/journeys/${body.id}/trigger`, {
      userId: 'wes',
    });
    const handle = h.temporal.workflow.getHandle(entered.workflowId);
    // Once the first workflow task is done, the timer is in the history.
    const history = await pollUntil('the delay to start its timer', async () => {
      const { events } = await handle.fetchHistory();
      return events?.some((e) => e.timerStartedEventAttributes) ? events : undefined;
    });
    expect((await handle.describe()).typedSearchAttributes.get(WaymarkNode)).toBe('d');
    expect(upserts(history)).toEqual([]);
    await handle.terminate('test done');
  });

  it('is updated when the run finds it elsewhere than where it stops (a run started without the router)', async () => {
    const compiled = compile(waiting, { journey: { id: 'direct', version: 1 } });
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    const workflowId = `journey:direct:${h.taskQueue}`;
    const input: JourneyInput = {
      ir: compiled.ir,
      entry: { workflowId, journeyId: 'direct', version: 1, userId: 'wes' },
      trigger: { name: 'api', messageId: 'direct-1', timestamp: new Date().toISOString(), properties: {} },
      driver: DRIVER_REVISION,
    };
    const handle = await h.temporal.workflow.start('journey', {
      workflowId,
      taskQueue: h.taskQueue,
      args: [input],
      typedSearchAttributes: [{ key: WaymarkNode, value: 't' }],
    });
    const node = await pollUntil('the run to update WaymarkNode', async () => {
      const value = (await handle.describe()).typedSearchAttributes.get(WaymarkNode);
      return value === 't' ? undefined : value;
    });
    expect(node).toBe('d');
    expect(upserts((await handle.fetchHistory()).events)).toHaveLength(1);
    await handle.terminate('test done');
  });
});
