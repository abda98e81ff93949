/** z for a two-sided 95% interval (the 97.5th percentile of the standard normal). */
export const Z95 = 1.959963984540054;

export type Interval = [lo: number, hi: number];

/**
 * Wilson score interval for a binomial proportion: well-behaved at small counts and at rates near
 * 0 or 1, where the normal approximation leaves [0, 1]. `[0, 1]` when there are no trials.
 */
export function wilson(successes: number, trials: number, z = Z95): Interval {
  if (trials <= 0) return [0, 1];
  const p = successes / trials;
  const z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z / (1 + z2 / trials)) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return [clamp(centre - half), clamp(centre + half)];
}

/**
 * Newcombe's hybrid score interval (his method 10) for the difference of two proportions
 * `a.successes / a.trials - b.successes / b.trials`, built from each side's Wilson interval.
 */
export function newcombeDifference(
  a: { successes: number; trials: number },
  b: { successes: number; trials: number },
  z = Z95,
): Interval {
  const pa = a.trials > 0 ? a.successes / a.trials : 0;
  const pb = b.trials > 0 ? b.successes / b.trials : 0;
  const [la, ua] = wilson(a.successes, a.trials, z);
  const [lb, ub] = wilson(b.successes, b.trials, z);
  const diff = pa - pb;
  return [diff - Math.sqrt((pa - la) ** 2 + (ub - pb) ** 2), diff + Math.sqrt((ua - pa) ** 2 + (pb - lb) ** 2)];
}

function clamp(x: number): number {
  return Math.min(1, Math.max(0, x));
}
