import { hash53 } from '../util/hash.js';

/**
 * Holdout membership: a hash of (journey, user) picks a point in [0, 100); users below `percent`
 * are the control group. Deterministic, so a user stays in (or out of) the control group across
 * re-entries and versions, and raising the percentage only adds users to it.
 */
export function inHoldout(journeyId: string, userId: string, percent: number | undefined): boolean {
  if (!percent) return false;
  return (hash53(`${journeyId}:holdout:${userId}`) % 10_000) / 100 < percent;
}
