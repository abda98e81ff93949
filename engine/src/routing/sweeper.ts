import { logger } from '../logger.js';
import { EntryModel, EventModel } from '../models/index.js';
import type { Router } from './router.js';

export interface SweeperOptions {
  intervalMs?: number;
  /** Events younger than this are still in the live routing queue. */
  graceMs?: number;
  /** Entries `starting` for longer than this are no longer being started by anyone. */
  startingGraceMs?: number;
}

const BATCH = 500;

/**
 * Puts right what a crash or an outage left half-done: re-routes events that were stored
 * (acknowledged) but not routed, and reconciles entries stuck in `starting` (their workflow start
 * failed, e.g. Temporal was down): released unless their workflow runs, so the trigger can be retried.
 */
export function startSweeper(
  router: Router,
  { intervalMs = 15_000, graceMs = 10_000, startingGraceMs = 60_000 }: SweeperOptions = {},
): { sweep(): Promise<number>; stop(): void } {
  /** How many events it routed and entries it released. */
  const sweep = async (): Promise<number> => {
    const stale = await EventModel.find({ routed: false, receivedAt: { $lt: new Date(Date.now() - graceMs) } })
      .sort({ receivedAt: 1 })
      .limit(BATCH)
      .lean();
    const unqueued = stale.filter((event) => !router.isQueued(event.messageId));
    for (const event of unqueued) await router.route(event);
    // After the events: an event-triggered entry whose start failed has just been started again above.
    const stuck = await EntryModel.find(
      { status: 'starting', enteredAt: { $lt: new Date(Date.now() - startingGraceMs) } },
      { workflowId: 1, journeyId: 1, userId: 1, triggerId: 1 },
    )
      .limit(BATCH)
      .lean();
    let released = 0;
    for (const entry of stuck) if ((await router.reconcileStarting(entry)) === 'released') released++;
    if (released > 0) logger.info({ released }, 'released entries whose workflow never started');
    return unqueued.length + released;
  };
  const timer = setInterval(
    () => void sweep().catch((error: unknown) => logger.warn({ err: error }, 'sweep failed')),
    intervalMs,
  );
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}
