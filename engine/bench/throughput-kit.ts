import { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import pLimit from 'p-limit';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { journeyExits } from '../src/metrics/registry.js';
import { pollUntil } from '../src/services/wait.js';
import type { Harness } from '../test/engine-harness.js';
import { emailJourney, machineCpuMs, postBatches, round, smoke } from './bench-kit.js';

/**
 * Rounds of baseline-then-journeys in a full run. This machine's speed drifts by a third within minutes, so
 * each ratio pairs two measurements made back to back; the run reports their mean and each round.
 */
const ROUNDS = smoke ? 1 : 2;

/** Journey overhead on one Temporal server: completions per second through trigger -> email -> exit against raw Temporal. */
export async function journeysAgainstBaseline(
  h: Harness,
  temporalAddress: string,
  users: number,
): Promise<Record<string, unknown>> {
  await journeyRate(h, 50, 'bench_warmup');
  const pairs: Pair[] = [];
  for (let i = 1; i <= ROUNDS; i++) {
    const baseline = await baselineRate(temporalAddress, users);
    pairs.push({ baseline, journeys: await journeyRate(h, users, `bench_go_${i}`) });
  }
  return { ...figures(pairs), rounds: pairs.map((pair) => figures([pair])) };
}

type Measured = { rate: number; cpuMsPer?: number };
type Pair = { baseline: Measured; journeys: Measured };

/** Means over the pairs. CPU per workflow too: the rates move with how the two cores are shared; CPU less. */
function figures(pairs: Pair[]): Record<string, number | undefined> {
  const mean = (values: (number | undefined)[], digits = 1) =>
    values.every((v) => v !== undefined) ? round(values.reduce((a, b) => a + b, 0) / values.length, digits) : undefined;
  return {
    baselinePerSecond: mean(pairs.map((p) => p.baseline.rate)),
    journeysPerSecond: mean(pairs.map((p) => p.journeys.rate)),
    journeyToBaselineRatio: mean(
      pairs.map((p) => p.journeys.rate / p.baseline.rate),
      2,
    ),
    baselineCpuMsPerWorkflow: mean(pairs.map((p) => p.baseline.cpuMsPer)),
    journeyCpuMsPerWorkflow: mean(pairs.map((p) => p.journeys.cpuMsPer)),
  };
}

/** Runs `n` workflows through `run`: completions per second, and the machine's CPU time per workflow meanwhile. */
async function measured(n: number, run: () => Promise<void>): Promise<Measured> {
  const [started, cpuBefore] = [performance.now(), machineCpuMs()];
  await run();
  const [seconds, cpuAfter] = [(performance.now() - started) / 1000, machineCpuMs()];
  return {
    rate: n / seconds,
    ...(cpuBefore !== undefined && cpuAfter !== undefined ? { cpuMsPer: (cpuAfter - cpuBefore) / n } : {}),
  };
}

/**
 * Workflows with one no-op activity, started as fast as the router would (bounded, as one gRPC connection
 * allows), by a client on the same kind of connection as the engine's (the native one).
 */
async function baselineRate(temporalAddress: string, users: number): Promise<Measured> {
  const taskQueue = `bench-baseline-${randomUUID().slice(0, 8)}`;
  const connection = await NativeConnection.connect({ address: temporalAddress });
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('./baseline-workflow.ts', import.meta.url)),
    activities: { noop: async () => {} },
  });
  const client = new Client({ connection });
  const running = worker.run();
  const limit = pLimit(50);
  const run = (n: number) =>
    measured(n, async () => {
      const handles = await Promise.all(
        Array.from({ length: n }, (_, i) =>
          limit(() => client.workflow.start('baseline', { taskQueue, workflowId: `baseline-${taskQueue}-${n}-${i}` })),
        ),
      );
      await Promise.all(handles.map((handle) => limit(() => handle.result())));
    });
  await run(50); // warm-up
  const result = await run(users);
  worker.shutdown();
  await running;
  await connection.close();
  return result;
}

/** A 3-node email journey: identifies, then one tracked trigger per user through `/v1/batch`, until every entry completes. */
async function journeyRate(h: Harness, users: number, event: string): Promise<Measured> {
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
  return measured(users, async () => {
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
  });
}

async function completedEntries(): Promise<number> {
  return (await journeyExits.get()).values.find((sample) => sample.labels.status === 'completed')?.value ?? 0;
}
