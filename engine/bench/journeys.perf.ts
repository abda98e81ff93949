import { Worker } from '@temporalio/worker';
import { NativeConnection } from '@temporalio/worker';
import { compile } from '@waymark/workflows';
import { mkdirSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, it } from 'vitest';
import { EntryModel, EventModel, MessageModel } from '../src/models/index.js';
import { repoRoot } from '../src/services/paths.js';
import { pollUntil } from '../src/services/wait.js';
import { startHarness, type Harness } from '../test/engine-harness.js';
import { shared } from '../test/helpers.js';
import { largeJourney } from '../../workflows/bench/large-journey.js';

const USERS = Number(process.env.BENCH_USERS ?? 50);
const BATCH = 500;
const results: Record<string, unknown> = { users: USERS, machine: { cpus: (await import('node:os')).cpus().length } };

let h: Harness;
beforeAll(async () => (h = await startHarness('bench', { smtp: false })));
afterAll(async () => {
  await h?.stop();
  const file = `${repoRoot}bench-results/engine.json`;
  mkdirSync(`${repoRoot}bench-results`, { recursive: true });
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  console.log(`\nbench results (${file}):\n${JSON.stringify(results, null, 2)}`);
});

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function batches(calls: object[]): Promise<void> {
  for (let i = 0; i < calls.length; i += BATCH) {
    const response = await fetch(`${h.app.base}/v1/batch`, { method: 'POST', headers: { authorization: 'Bearer write-test', 'content-type': 'application/json' }, body: JSON.stringify({ batch: calls.slice(i, i + BATCH) }) });
    if (response.status !== 200) throw new Error(`batch answered ${response.status}`);
  }
}

it('raw Temporal baseline: workflows running one no-op activity', async () => {
  const taskQueue = `bench-baseline-${randomUUID().slice(0, 8)}`;
  const connection = await NativeConnection.connect({ address: shared().temporalAddress });
  const worker = await Worker.create({ connection, taskQueue, workflowsPath: fileURLToPath(new URL('./baseline-workflow.ts', import.meta.url)), activities: { noop: async () => {} } });
  const running = worker.run();
  const started = performance.now();
  await Promise.all(Array.from({ length: USERS }, (_, i) => h.temporal.workflow.execute('baseline', { taskQueue, workflowId: `baseline-${taskQueue}-${i}` })));
  const seconds = (performance.now() - started) / 1000;
  worker.shutdown();
  await running;
  await connection.close();
  results.baselinePerSecond = Math.round((USERS / seconds) * 10) / 10;
});

it('journeys: trigger -> message (sandbox email) -> exit, and event-to-send latency', async () => {
  const document = {
    name: 'Bench',
    graph: {
      nodes: [
        { id: 't', type: 'trigger', data: { kind: 'event', event: 'bench_go' } },
        { id: 'm', type: 'message', data: { channel: 'email', template: { subject: 'Hi {{ profile.userId }}', text: 'bench' } } },
        { id: 'x', type: 'exit', data: {} },
      ],
      edges: [{ source: 't', target: 'm' }, { source: 'm', target: 'x' }],
    },
    settings: { reentry: 'always' },
  };
  const { body } = await h.api<{ id: string }>('POST', '/api/journeys', document);
  await h.api('POST', `/api/journeys/${body.id}/publish`);
  await batches(Array.from({ length: USERS }, (_, i) => ({ type: 'identify', userId: `bench-${i}`, traits: { email: `bench-${i}@example.com` } })));

  const started = performance.now();
  await batches(Array.from({ length: USERS }, (_, i) => ({ type: 'track', userId: `bench-${i}`, event: 'bench_go' })));
  await pollUntil('every bench entry to complete', async () => ((await EntryModel.countDocuments({ journeyId: body.id, status: 'completed' })) >= USERS ? true : undefined), { timeoutMs: 600_000, intervalMs: 200 });
  const seconds = (performance.now() - started) / 1000;
  results.journeyPerSecond = Math.round((USERS / seconds) * 10) / 10;
  results.journeyToBaselineRatio = Math.round(((results.journeyPerSecond as number) / (results.baselinePerSecond as number)) * 100) / 100;

  const events = new Map((await EventModel.find({ name: 'bench_go' }, { userId: 1, receivedAt: 1 }).lean()).map((e) => [e.userId, e.receivedAt.getTime()]));
  const messages = await MessageModel.find({ journeyId: body.id }, { userId: 1, history: 1 }).lean();
  const latencies = messages.map((m) => m.history.at(-1)!.at.getTime() - events.get(m.userId)!).sort((a, b) => a - b);
  results.eventToSendMs = { p50: percentile(latencies, 50), p99: percentile(latencies, 99), count: latencies.length };
});

it('ingestion: /v1/batch events persisted per second', async () => {
  // Small on purpose: every stored event is also routed, and FerretDB scans per query (see README).
  const total = USERS * 4;
  const calls = Array.from({ length: total }, (_, i) => ({ type: 'track', userId: `ingest-${i % 100}`, event: 'bench_ingest', properties: { i } }));
  const started = performance.now();
  await batches(calls);
  results.ingestPerSecond = Math.round(total / ((performance.now() - started) / 1000));
});

it('compile: a 1,000-node journey', () => {
  const journey = largeJourney(1_000);
  const runs = Array.from({ length: 20 }, () => {
    const started = performance.now();
    if (!compile(journey).ok) throw new Error('the benchmark journey must compile');
    return performance.now() - started;
  }).sort((a, b) => a - b);
  results.compile1000NodesMs = { median: Math.round(percentile(runs, 50) * 10) / 10, p90: Math.round(percentile(runs, 90) * 10) / 10 };
});
