import { describe, expect, it } from 'vitest';
import { createRandomness } from './randomness.js';
import { holdoutReport, probabilityBest, splitReport } from './report.js';
import { newcombeDifference, wilson } from './statistics.js';

describe('experiment statistics', () => {
  it('computes Wilson score intervals (textbook values)', () => {
    const [lo, hi] = wilson(10, 100);
    expect(lo).toBeCloseTo(0.0552, 4);
    expect(hi).toBeCloseTo(0.1744, 4);
    expect(wilson(0, 20)[0]).toBe(0);
    expect(wilson(0, 20)[1]).toBeCloseTo(0.1611, 4);
    expect(wilson(0, 0)).toEqual([0, 1]);
  });

  it("computes Newcombe's hybrid score interval for a difference (his worked example, 56/70 vs 48/80)", () => {
    const [lo, hi] = newcombeDifference({ successes: 56, trials: 70 }, { successes: 48, trials: 80 });
    expect(lo).toBeCloseTo(0.0524, 4);
    expect(hi).toBeCloseTo(0.3339, 4);
  });

  it('estimates the probability of being best by Monte Carlo over Beta posteriors', () => {
    const random = createRandomness(7);
    const [even1, even2] = probabilityBest(
      [
        { entered: 100, converted: 10 },
        { entered: 100, converted: 10 },
      ],
      random,
    );
    expect(even1! + even2!).toBeCloseTo(1, 10);
    expect(even1).toBeGreaterThan(0.45);
    expect(even1).toBeLessThan(0.55);
    // 4% vs 8% over 1,000 each: P(B > A) is about 0.9999 (a normal approximation gives z = 3.8).
    const [a, b] = probabilityBest(
      [
        { entered: 1000, converted: 40 },
        { entered: 1000, converted: 80 },
      ],
      random,
    );
    expect(b).toBeGreaterThan(0.999);
    expect(a).toBeLessThan(0.001);
  });

  it('names the leader as winner and decides only with enough evidence and samples', () => {
    const random = createRandomness(1);
    const clear = splitReport(
      's',
      'fixed',
      [
        { id: 'a', entered: 1000, converted: 40 },
        { id: 'b', entered: 1000, converted: 80 },
      ],
      random,
    );
    expect(clear).toMatchObject({ nodeId: 's', mode: 'fixed', winner: 'b', decided: true });
    expect(clear.arms[1]).toMatchObject({ id: 'b', entered: 1000, converted: 80, rate: 0.08 });
    const close = splitReport(
      's',
      'fixed',
      [
        { id: 'a', entered: 200, converted: 10 },
        { id: 'b', entered: 200, converted: 12 },
      ],
      random,
    );
    expect(close.decided).toBe(false);
    const small = splitReport(
      's',
      'fixed',
      [
        { id: 'a', entered: 10, converted: 0 },
        { id: 'b', entered: 10, converted: 9 },
      ],
      random,
    );
    expect(small).toMatchObject({ winner: 'b', decided: false });
    expect(
      splitReport(
        's',
        'optimize',
        [
          { id: 'a', entered: 0, converted: 0 },
          { id: 'b', entered: 0, converted: 0 },
        ],
        random,
      ),
    ).toMatchObject({ winner: null, decided: false });
  });

  it('reports holdout uplift with an interval for the absolute difference', () => {
    const report = holdoutReport(10, { entered: 100, converted: 5 }, { entered: 900, converted: 90 });
    expect(report.control).toEqual({ entered: 100, converted: 5, rate: 0.05 });
    expect(report.treatment.rate).toBe(0.1);
    expect(report.uplift.abs).toBeCloseTo(0.05, 10);
    expect(report.uplift.rel).toBeCloseTo(1, 10);
    expect(report.uplift.ci95[0]).toBeLessThan(0.05);
    expect(report.uplift.ci95[1]).toBeGreaterThan(0.05);
    expect(holdoutReport(10, { entered: 0, converted: 0 }, { entered: 10, converted: 1 }).uplift.rel).toBeNull();
  });
});
