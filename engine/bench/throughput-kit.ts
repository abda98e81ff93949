import { NativeConnection, Worker } from '@temporalio/worker';
import pLimit from 'p-limit';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { journeyExits } from '../src/metrics/registry.js';
import { pollUntil } from '../src/services/wait.js';
import type { Harness } from '../test/engine-harness.js';
import { emailJourney, postBatches, round } from './bench-kit.js';

/** Journey overhead on one Temporal server: completions per second through trigger -> email -> exit against raw Temporal. */
export async function journeysAgainstBaseline(
  h: Harness,
  temporalAddress: string,
  users: number,
): Promise<{ baselinePerSecond: number; journeysPerSecond: number; journeyToBaselineRatio: number }> {
  await journeyRate(h, 50, 'bench_warmup');
  const baseline = await baselineRate(h, temporalAddress, users);
  const journeys = await journeyRate(h, users, 'bench_go');
  return {
    baselinePerSecond: round(baseline),
    journeysPerSecond: round(journeys),
    journeyToBaselineRatio: round(journeys / baseline, 2),
  };
}

/** Workflows with one no-op activity, started as fast as the router would (bounded, as one gRPC connection allows). */
async function baselineRate(h: Harness, temporalAddress: string, users: number): Promise<number> {
  const taskQueue = `bench-baseline-${randomUUID().slice(0, 8)}`;
  const connection = await NativeConnection.connect({ address: temporalAddress });
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('./baseline-workflow.ts', import.meta.url)),
    activities: { noop: async () => {} },
  });
  const running = worker.run();
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

/** A 3-node email journey: identifies, then one tracked trigger per user through `/v1/batch`, until every entry completes. */
async function journeyRate(h: Harness, users: number, event: string): Promise<number> {
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
  const completedBefore = await completedEntries();
  const started = performance.now();
  await postBatches(
    h.app.base,
    Array.from({ length: users }, (_, i) => ({ type: 'track', userId: `${event}-${i}`, event })),
  );
  // Watched on the worker's own counter (it runs in this process): a count over the entries every poll
  // would scan them on FerretDB and take the CPU the journeys are measured on.
  await pollUntil(
    `${users} ${event} entries to complete`,
    async () => ((await completedEntries()) - completedBefore >= users ? true : undefined),
    { timeoutMs: 1_500_000, intervalMs: 50 },
  );
  return users / ((performance.now() - started) / 1000);
}

async function completedEntries(): Promise<number> {
  return (await journeyExits.get()).values.find((sample) => sample.labels.status === 'completed')?.value ?? 0;
}
