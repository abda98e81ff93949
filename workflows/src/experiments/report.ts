import type { Randomness } from './randomness.js';
import { newcombeDifference, wilson, type Interval } from './statistics.js';
import { MIN_SAMPLE_PER_ARM } from './thompson.js';

/** Monte Carlo draws behind `probabilityBest`: its error is below 0.005 (one standard error). */
export const POSTERIOR_DRAWS = 10_000;
/** The leader's probability of being best at which an experiment counts as decided. */
export const DECISION_THRESHOLD = 0.95;

export interface Tally {
  entered: number;
  converted: number;
}

export interface GroupReport extends Tally {
  rate: number;
}

export interface ArmReport extends GroupReport {
  id: string;
  ci95: Interval;
  probabilityBest: number;
}

export interface SplitReport {
  nodeId: string;
  mode: 'fixed' | 'optimize';
  arms: ArmReport[];
  /** The arm most likely to be the best, or null before any entry. */
  winner: string | null;
  /** The winner is best with probability >= 0.95 and every arm has its minimum sample. */
  decided: boolean;
}

export interface HoldoutReport {
  percent: number;
  control: GroupReport;
  treatment: GroupReport;
  /** Treatment minus control: absolute (rate points), relative (null while the control has no conversion), and a 95% interval for `abs`. */
  uplift: { abs: number; rel: number | null; ci95: Interval };
}

/** `GET /api/journeys/:id/experiments` (formulas in docs/experiments.md). */
export interface ExperimentsReport {
  version: number;
  splits: SplitReport[];
  holdout: HoldoutReport | null;
}

export function splitReport(
  nodeId: string,
  mode: SplitReport['mode'],
  arms: (Tally & { id: string })[],
  random: Randomness,
): SplitReport {
  const best = probabilityBest(arms, random);
  const reports = arms.map((arm, i) => ({
    id: arm.id,
    ...group(arm),
    ci95: wilson(arm.converted, arm.entered),
    probabilityBest: best[i]!,
  }));
  const anyEntries = arms.some((arm) => arm.entered > 0);
  const leader = reports.reduce((a, b) => (b.probabilityBest > a.probabilityBest ? b : a));
  const decided =
    anyEntries &&
    leader.probabilityBest >= DECISION_THRESHOLD &&
    arms.every((arm) => arm.entered >= MIN_SAMPLE_PER_ARM);
  return { nodeId, mode, arms: reports, winner: anyEntries ? leader.id : null, decided };
}

export function holdoutReport(percent: number, control: Tally, treatment: Tally): HoldoutReport {
  const c = group(control);
  const t = group(treatment);
  const ci95 = newcombeDifference(
    { successes: t.converted, trials: t.entered },
    { successes: c.converted, trials: c.entered },
  );
  return {
    percent,
    control: c,
    treatment: t,
    uplift: { abs: t.rate - c.rate, rel: c.rate > 0 ? (t.rate - c.rate) / c.rate : null, ci95 },
  };
}

/**
 * P(arm has the highest conversion rate) under independent Beta(1 + conversions, 1 + misses)
 * posteriors, by Monte Carlo; ties share the draw.
 */
export function probabilityBest(arms: Tally[], random: Randomness, draws = POSTERIOR_DRAWS): number[] {
  const wins = arms.map(() => 0);
  const sample = arms.map(() => 0);
  for (let d = 0; d < draws; d++) {
    let top = -1;
    for (let i = 0; i < arms.length; i++) {
      const arm = arms[i]!;
      sample[i] = random.beta(1 + arm.converted, 1 + Math.max(0, arm.entered - arm.converted));
      top = Math.max(top, sample[i]!);
    }
    const leaders = sample.filter((s) => s === top).length;
    for (let i = 0; i < arms.length; i++) if (sample[i] === top) wins[i]! += 1 / leaders;
  }
  return wins.map((w) => w / draws);
}

function group({ entered, converted }: Tally): GroupReport {
  return { entered, converted, rate: entered > 0 ? converted / entered : 0 };
}
