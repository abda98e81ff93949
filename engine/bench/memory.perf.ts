import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, it } from 'vitest';
import { EntryModel } from '../src/models/index.js';
import { pollUntil } from '../src/services/wait.js';
import { startHarness, type Harness } from '../test/engine-harness.js';
import { isolatedMongoUri, shared } from '../test/helpers.js';
import { postBatches, round, sizes, writeResults } from './bench-kit.js';

/** Worker memory with many journeys waiting on timers: a `waymark worker` process of its own, measured from /proc. */
/** Node options for the worker: none by default (what `waymark worker` gets), BENCH_WORKER_NODE_OPTIONS to compare. */
const WORKER_NODE_OPTIONS = (process.env.BENCH_WORKER_NODE_OPTIONS ?? '').split(' ').filter(Boolean);
const results: Record<string, unknown> = {
  waitingJourneys: sizes.waiting,
  workerNodeOptions: WORKER_NODE_OPTIONS.join(' ') || 'none',
};
let h: Harness;
let stopWorker: (() => Promise<void>) | undefined;

beforeAll(async () => {
  const storeUri = isolatedMongoUri('bench-memory');
  h = await startHarness('bench-memory', { worker: false, smtp: false, storeUri });
  const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
  const child = spawn(process.execPath, [...WORKER_NODE_OPTIONS, cli, 'worker'], {
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: shared().temporalAddress,
      MONGODB_URI: storeUri,
      WAYMARK_TASK_QUEUE: h.taskQueue,
    },
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  stopWorker = async () => {
    child.kill('SIGTERM');
    await exited;
  };
  results.workerPid = child.pid;
});
afterAll(async () => {
  await stopWorker?.();
  await h?.stop();
  writeResults('memory', results);
});

const rssMb = (pid: number | string) =>
  Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024);

it('worker RSS with journeys waiting on a one-day timer', async () => {
  const { body } = await h.api<{ id: string }>('POST', '/api/journeys', {
    name: 'Waiting',
    graph: {
      nodes: [
        { id: 't', type: 'trigger', data: { kind: 'event', event: 'wait_go' } },
        { id: 'd', type: 'delay', data: { duration: 'P1D' } },
        { id: 'x', type: 'exit', data: {} },
      ],
      edges: [
        { source: 't', target: 'd' },
        { source: 'd', target: 'x' },
      ],
    },
    settings: { reentry: 'always' },
  });
  await h.api('POST', `/api/journeys/${body.id}/publish`);
  const started = performance.now();
  await postBatches(
    h.app.base,
    Array.from({ length: sizes.waiting }, (_, i) => ({ type: 'track', userId: `waiting-${i}`, event: 'wait_go' })),
  );
  await pollUntil(
    `${sizes.waiting} entries to wait at the delay`,
    async () =>
      (await EntryModel.countDocuments({ journeyId: body.id, status: 'active', currentNode: 'd' })) >= sizes.waiting
        ? true
        : undefined,
    { timeoutMs: 1_500_000, intervalMs: 1_000 },
  );
  results.secondsToStartAll = round((performance.now() - started) / 1000);
  results.workerRssMb = rssMb(results.workerPid as number);
  results.apiProcessRssMb = rssMb('self');
});
