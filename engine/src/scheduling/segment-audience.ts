import type { Client } from '@temporalio/client';
import type { JourneyIR } from '@waymark/workflows';
import type { AudienceInput } from '@waymark/workflows/temporal';
import { audienceWorkflowIdOf } from './schedule-spec.js';

/**
 * Publishing a segment journey with "also enter everyone who matches now": one `audience` run, paged
 * through Temporal as scheduled audiences are, over the segment's condition. Its entries are keyed by
 * the version, so publishing the same version's run again enters nobody twice.
 */
export async function enterSegmentAudience(client: Client, taskQueue: string, ir: JourneyIR): Promise<string> {
  const { id, version, name } = ir.journey;
  const runKey = `publish-v${version}`;
  const workflowId = `${audienceWorkflowIdOf(id)}-${runKey}`;
  const input: AudienceInput = { journeyId: id, version, runKey };
  await client.workflow.start('audience', {
    taskQueue,
    workflowId,
    args: [input],
    staticSummary: `${name} (v${version}): enter everyone who matches the segment now`,
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  return workflowId;
}
