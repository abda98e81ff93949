import { describe, expect, it } from 'vitest';
import { createRandomness, type Randomness } from './randomness.js';
import { splitReport } from './report.js';
import { chooseArm, MIN_SAMPLE_PER_ARM, type ArmTally } from './thompson.js';

const arms = (entries: [string, number, number, number][]): ArmTally[] =>
  entries.map(([id, weight, entered, converted]) => ({ id, weight, entered, converted }));

/**
 * One simulated optimize-mode experiment: users arrive one by one, the sampler picks their arm
 * from the counters, and each converts with its arm's true rate; a conversion reaches the counters
 * only `lag` arrivals later, as goals come in after entries.
 */
function runExperiment(seed: number, trueRates: Record<string, number>, users = 3000, lag = 100) {
  const random: Randomness = createRandomness(seed);
  const world = createRandomness(seed + 1000);
  const tally = arms(Object.keys(trueRates).map((id) => [id, 50, 0, 0]));
  const pending: { arm: ArmTally; at: number }[] = [];
  for (let user = 0; user < users; user++) {
    while (pending[0] && pending[0].at <= user) pending.shift()!.arm.converted++;
    const chosen = chooseArm(tally, random);
    const arm = tally.find((a) => a.id === chosen)!;
    arm.entered++;
    if (world.uniform() < trueRates[arm.id]!) pending.push({ arm, at: user + lag });
  }
  for (const { arm } of pending) arm.converted++;
  return tally;
}

describe('Thompson sampling (optimize mode)', () => {
  it('draws by weight while an arm is below its minimum sample', () => {
    const random = createRandomness(3);
    const picks = Array.from({ length: 2000 }, () =>
      chooseArm(
        arms([
          ['a', 80, 0, 0],
          ['b', 20, 0, 0],
        ]),
        random,
      ),
    );
    const share = picks.filter((p) => p === 'a').length / picks.length;
    expect(share).toBeGreaterThan(0.76);
    expect(share).toBeLessThan(0.84);
    // Only the arm still short of its minimum is drawn, whatever the other's record.
    const warming = arms([
      ['a', 50, MIN_SAMPLE_PER_ARM, 40],
      ['b', 50, MIN_SAMPLE_PER_ARM - 1, 0],
    ]);
    expect(new Set(Array.from({ length: 50 }, () => chooseArm(warming, random)))).toEqual(new Set(['b']));
  });

  it('never picks an arm with weight 0', () => {
    const random = createRandomness(4);
    const picks = new Set(
      Array.from({ length: 500 }, () =>
        chooseArm(
          arms([
            ['a', 0, 500, 400],
            ['b', 100, 500, 1],
          ]),
          random,
        ),
      ),
    );
    expect(picks).toEqual(new Set(['b']));
  });

  it('sends most of 3,000 users to the better arm (4% vs 8%) and its report covers the true rates', () => {
    const truth = { a: 0.04, b: 0.08 };
    const runs = [11, 12, 13, 14, 15, 16, 17, 18, 19, 20].map((seed) => runExperiment(seed, truth));
    const shares = runs.map((tally) => tally.find((a) => a.id === 'b')!.entered / 3000);
    // Every run favours B clearly; on average over four fifths of the traffic goes there.
    expect(Math.min(...shares)).toBeGreaterThan(0.7);
    expect(shares.reduce((s, x) => s + x, 0) / shares.length).toBeGreaterThan(0.8);

    const reports = runs.map((tally, i) => splitReport('s', 'optimize', tally, createRandomness(i + 1)));
    let covered = 0;
    for (const report of reports) {
      for (const arm of report.arms)
        if (arm.ci95[0] <= truth[arm.id as 'a' | 'b'] && truth[arm.id as 'a' | 'b'] <= arm.ci95[1]) covered++;
    }
    // 95% intervals over 20 arm estimates: at most a couple may miss.
    expect(covered).toBeGreaterThanOrEqual(18);
    expect(reports.filter((r) => r.winner === 'b').length).toBeGreaterThanOrEqual(9);
    console.info(
      'optimize simulation: share of traffic to B per run',
      shares.map((s) => s.toFixed(2)).join(' '),
      `; intervals covering the truth ${covered}/20`,
    );
  });
});
