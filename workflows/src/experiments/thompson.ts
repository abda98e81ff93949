import type { Randomness } from './randomness.js';

/** Entries every arm gets (drawn by weight) before the sampler starts favouring the better ones. */
export const MIN_SAMPLE_PER_ARM = 50;

export interface ArmTally {
  id: string;
  /** The split's weight for the arm (0..100): its share while arms are still being sampled. */
  weight: number;
  entered: number;
  converted: number;
}

/**
 * Optimize-mode choice for one new entry (docs/experiments.md):
 * 1. arms with weight 0 are switched off;
 * 2. while some arm has fewer than `minSample` entries, draw among those arms by weight;
 * 3. then Thompson sampling: draw a rate from each arm's Beta(1 + conversions, 1 + misses)
 *    posterior and take the arm with the highest draw, so each arm gets traffic in proportion to
 *    the probability that it is the best.
 */
export function chooseArm(arms: ArmTally[], random: Randomness, minSample = MIN_SAMPLE_PER_ARM): string {
  const live = arms.filter((arm) => arm.weight > 0);
  if (live.length === 0) throw new Error('a split needs at least one arm with a weight above 0');
  const warming = live.filter((arm) => arm.entered < minSample);
  if (warming.length > 0) return byWeight(warming, random.uniform());
  let best = live[0]!;
  let bestDraw = -1;
  for (const arm of live) {
    const draw = random.beta(1 + arm.converted, 1 + Math.max(0, arm.entered - arm.converted));
    if (draw > bestDraw) [best, bestDraw] = [arm, draw];
  }
  return best.id;
}

function byWeight(arms: ArmTally[], point: number): string {
  const total = arms.reduce((sum, arm) => sum + arm.weight, 0);
  let cumulative = 0;
  for (const arm of arms) {
    cumulative += arm.weight / total;
    if (point < cumulative) return arm.id;
  }
  return arms[arms.length - 1]!.id;
}
