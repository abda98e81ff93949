import { NativeConnection, Worker } from '@temporalio/worker';
import { compile } from '@waymark/workflows';
import pLimit from 'p-limit';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, it } from 'vitest';
import { EntryModel } from '../src/models/index.js';
import { pollUntil } from '../src/services/wait.js';
import { startHarness, type Harness } from '../test/engine-harness.js';
import { shared } from '../test/helpers.js';
import { largeJourney } from '../../workflows/bench/large-journey.js';
import { emailJourney, percentile, postBatches, round, sizes, writeResults } from './bench-kit.js';

/** Journey overhead: completions per second through trigger -> email -> exit against raw Temporal, same run, warm worker. */
const results: Record<string, unknown> = { users: sizes.users };
let h: Harness;
beforeAll(async () => (h = await startHarness('bench-throughput', { smtp: false })));
afterAll(async () => {
  await h?.stop();
  writeResults('throughput', results);
});

async function baselineRate(users: number): Promise<number> {
  const taskQueue = `bench-baseline-${randomUUID().slice(0, 8)}`;
  const connection = await NativeConnection.connect({ address: shared().temporalAddress });
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('./baseline-workflow.ts', import.meta.url)),
    activities: { noop: async () => {} },
  });
  const running = worker.run();
  // Starts as fast as the router would (bounded, as one gRPC connection allows), then waits for every result.
  const limit = pLimit(50);
  const run = async (n: number) => {
    const started = performance.now();
    const handles = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        limit(() =>
          h.temporal.workflow.start('baseline', { taskQueue, workflowId: `baseline-${taskQueue}-${n}-${i}` }),
        ),
      ),
    );
    await Promise.all(handles.map((handle) => limit(() => handle.result())));
    return n / ((performance.now() - started) / 1000);
  };
  await run(50); // warm-up
  const rate = await run(users);
  worker.shutdown();
  await running;
  await connection.close();
  return rate;
}

async function journeyRate(users: number, event: string): Promise<number> {
  const { body } = await h.api<{ id: string }>('POST', '/api/journeys', emailJourney(event));
  await h.api('POST', `/api/journeys/${body.id}/publish`);
  await postBatches(
    h.app.base,
    Array.from({ length: users }, (_, i) => ({
      type: 'identify',
      userId: `${event}-${i}`,
      traits: { email: `${event}-${i}@example.com` },
    })),
  );
  const started = performance.now();
  await postBatches(
    h.app.base,
    Array.from({ length: users }, (_, i) => ({ type: 'track', userId: `${event}-${i}`, event })),
  );
  await pollUntil(
    `${users} ${event} entries to complete`,
    async () =>
      (await EntryModel.countDocuments({ journeyId: body.id, status: 'completed' })) >= users ? true : undefined,
    { timeoutMs: 1_500_000, intervalMs: 250 },
  );
  return users / ((performance.now() - started) / 1000);
}

it('raw Temporal baseline vs journeys', async () => {
  await journeyRate(50, 'bench_warmup');
  const baseline = await baselineRate(sizes.users);
  const journeys = await journeyRate(sizes.users, 'bench_go');
  Object.assign(results, {
    baselinePerSecond: round(baseline),
    journeysPerSecond: round(journeys),
    journeyToBaselineRatio: round(journeys / baseline, 2),
  });
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
