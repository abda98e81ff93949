import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { logger } from '../logger.js';
import { countMessage } from '../metrics/counters.js';
import { MessageModel, withLock } from '../models/index.js';
import { markUnknown } from './outbox.js';

export interface SendSweeperOptions {
  /** How often it looks (default 60 s). */
  intervalMs?: number;
  /** Entries `sending` for longer than this are past any provider call: the call timeout plus {@link SEND_SWEEP_MARGIN_MS}. */
  staleAfterMs: number;
}

const BATCH = 200;
/**
 * Added to the provider call timeout: by then the attempt inside the call has ended (the activity's
 * 2-minute timeout) and a retry, if any, is scheduled and shows as a pending activity.
 */
export const SEND_SWEEP_MARGIN_MS = 60_000;

/**
 * Why nothing will retry the send, or undefined while its workflow may still run an attempt: a pending
 * activity retries it; a pending workflow task may be running its first attempt (a local activity, driver
 * revision 3) or will run it again after its worker died. Either reconciles the entry (messaging/send.ts).
 */
async function abandonedBecause(client: Client, workflowId: string | null | undefined): Promise<string | undefined> {
  if (!workflowId) return 'it was sent outside a journey (test send) and nothing retries it';
  try {
    const description = await client.workflow.getHandle(workflowId).describe();
    if (description.status.name !== 'RUNNING')
      return `its workflow is ${description.status.name.toLowerCase()} and will not retry it`;
    if ((description.raw.pendingActivities ?? []).length === 0 && !description.raw.pendingWorkflowTask)
      return 'its workflow runs no attempt of the send any more';
    return undefined;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return 'its workflow no longer exists';
    throw error;
  }
}

/**
 * Settles outbox entries a crash left `sending` that no attempt will come back to: a retried activity
 * reconciles its own entry, but an entry whose workflow was terminated (or whose test send died) would
 * stay `sending` forever. Past the call timeout it may or may not have gone out: it becomes `unknown`
 * (reason `interrupted`), counted and filtered like the others. One process at a time (a store lock).
 */
export async function sweepAbandonedSends(client: Client, staleAfterMs: number): Promise<number> {
  return withLock(
    'send-sweeper',
    async () => {
      const staleBefore = new Date(Date.now() - staleAfterMs);
      let marked = 0;
      // Page by id through every stale entry: those still pending stay `sending`, and a run that read
      // only the first page would never get past them.
      let after: unknown;
      for (;;) {
        const page = await MessageModel.find(
          { status: 'sending', updatedAt: { $lt: staleBefore }, ...(after ? { _id: { $gt: after } } : {}) },
          { key: 1, channel: 1, workflowId: 1 },
        )
          .sort({ _id: 1 })
          .limit(BATCH)
          .lean();
        for (const message of page) {
          const because = await abandonedBecause(client, message.workflowId);
          if (!because) continue;
          const outcome = await markUnknown(
            message._id,
            message.key,
            message.channel,
            `the provider call was interrupted and ${because}; it may or may not have been delivered`,
          );
          if (outcome.status !== 'unknown') continue; // it settled meanwhile
          countMessage(outcome);
          marked++;
        }
        if (page.length < BATCH) break;
        after = page.at(-1)!._id;
      }
      if (marked > 0) logger.warn({ marked }, 'marked abandoned sends unknown');
      return marked;
    },
    { staleMs: 10 * 60_000, waitMs: 0 },
  );
}

export function startSendSweeper(
  client: Client,
  { intervalMs = 60_000, staleAfterMs }: SendSweeperOptions,
): { sweep(): Promise<number>; stop(): void } {
  const sweep = () => sweepAbandonedSends(client, staleAfterMs);
  const timer = setInterval(
    () =>
      void sweep().catch((error: unknown) => logger.warn({ err: error }, 'send sweep failed; retried next interval')),
    intervalMs,
  );
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}
