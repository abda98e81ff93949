import { compile } from '@waymark/workflows';
import { afterAll, beforeAll, it } from 'vitest';
import { startHarness, type Harness } from '../test/engine-harness.js';
import { shared } from '../test/helpers.js';
import { largeJourney } from '../../workflows/bench/large-journey.js';
import { percentile, round, sizes, writeResults } from './bench-kit.js';
import { journeysAgainstBaseline } from './throughput-kit.js';

/** Journey overhead: completions per second through trigger -> email -> exit against raw Temporal, same run, warm worker. */
const results: Record<string, unknown> = { users: sizes.users };
let h: Harness;
beforeAll(async () => (h = await startHarness('bench-throughput', { smtp: false })));
afterAll(async () => {
  await h?.stop();
  writeResults('throughput', results);
});

it('raw Temporal baseline vs journeys', async () => {
  Object.assign(results, await journeysAgainstBaseline(h, shared().temporalAddress, sizes.users));
});

it('compile: a 1,000-node journey', () => {
  const journey = largeJourney(1_000);
  const runs = Array.from({ length: 20 }, () => {
    const started = performance.now();
    if (!compile(journey).ok) throw new Error('the benchmark journey must compile');
    return performance.now() - started;
  });
  results.compile1000NodesMs = { median: round(percentile(runs, 50)), p90: round(percentile(runs, 90)) };
});
