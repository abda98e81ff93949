import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_SAMPLE_PER_ARM } from '@waymark/workflows/experiments';
import { EntryModel } from '../../src/models/index.js';
import { pollUntil } from '../../src/services/wait.js';
import { startHarness, type Harness } from '../engine-harness.js';
import { experiment } from './experiment-journey.js';

const ROUND = 10;
const ROUNDS = 14;

/**
 * The optimizer end to end: users arrive in rounds, everyone on arm B buys at once, nobody on A
 * does. After each arm's minimum sample, new users go to B.
 */
describe('optimize mode on the real engine', () => {
  let h: Harness;
  let journeyId: string;

  beforeAll(async () => {
    h = await startHarness('optimize', { smtp: false });
    const { holdout: _, ...settings } = experiment.settings;
    journeyId = (await h.api<{ id: string }>('POST', '/api/journeys', { ...experiment, name: 'Optimize', settings }))
      .body.id;
    await h.api('POST', `/api/journeys/${journeyId}/publish`);
  });
  afterAll(async () => h?.stop());

  it(
    'moves new entries to the arm that converts once both arms have their minimum sample',
    { timeout: 240_000 },
    async () => {
      const arms: string[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const users = Array.from({ length: ROUND }, (_, i) => `opt-${round}-${i}-${Date.now()}`);
        for (const user of users) await h.track(user, 'signed_up');
        const entries = await pollUntil(
          `round ${round} to take its arms`,
          async () => {
            const found = await EntryModel.find({ journeyId, userId: { $in: users }, currentNode: 'wait' }).lean();
            return found.length === ROUND ? found : undefined;
          },
          { timeoutMs: 30_000 },
        );
        const buyers = entries.filter((e) => e.arms[0]!.arm === 'b');
        for (const entry of buyers) await h.track(entry.userId, 'purchased');
        await pollUntil(
          `round ${round} conversions`,
          async () =>
            (await EntryModel.countDocuments({
              journeyId,
              userId: { $in: buyers.map((e) => e.userId) },
              convertedAt: { $exists: true },
            })) === buyers.length
              ? true
              : undefined,
          { timeoutMs: 30_000 },
        );
        arms.push(...users.map((u) => entries.find((e) => e.userId === u)!.arms[0]!.arm));
      }
      const warmUp = arms.slice(0, 2 * MIN_SAMPLE_PER_ARM);
      const after = arms.slice(2 * MIN_SAMPLE_PER_ARM + ROUND);
      console.info(
        `optimize on the engine: warm-up A ${warmUp.filter((a) => a === 'a').length}/${warmUp.length}, afterwards B ${after.filter((a) => a === 'b').length}/${after.length}`,
      );
      // Warm-up by weight (50/50): both arms measured.
      expect(warmUp.filter((a) => a === 'a').length).toBeGreaterThan(30);
      // Then A (0 of ~50) against B (all of ~50): P(B is best) is ~1, so nearly every entry goes to B.
      expect(after.filter((a) => a === 'b').length).toBeGreaterThanOrEqual(after.length - 2);

      const report = await h.api('GET', `/api/journeys/${journeyId}/experiments`);
      expect(report.body.splits[0]).toMatchObject({ winner: 'b', decided: true });
      expect(report.body.holdout).toBeNull();
    },
  );
});
