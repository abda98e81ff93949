import { logger } from '../logger.js';
import { EventModel } from '../models/index.js';
import type { Router } from './router.js';

export interface SweeperOptions {
  intervalMs?: number;
  /** Events younger than this are still in the live routing queue. */
  graceMs?: number;
}

/** Re-routes events that were stored (acknowledged) but not routed, e.g. after a crash in between. */
export function startSweeper(router: Router, { intervalMs = 15_000, graceMs = 10_000 }: SweeperOptions = {}): { sweep(): Promise<number>; stop(): void } {
  const sweep = async (): Promise<number> => {
    const stale = await EventModel.find({ routed: false, receivedAt: { $lt: new Date(Date.now() - graceMs) } }).sort({ receivedAt: 1 }).limit(500).lean();
    for (const event of stale) await router.route(event);
    return stale.length;
  };
  const timer = setInterval(() => void sweep().catch((error: unknown) => logger.warn({ err: error }, 'sweep failed')), intervalMs);
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}
