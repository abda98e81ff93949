import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, it } from 'vitest';
import { EventModel, MessageModel } from '../src/models/index.js';
import { pollUntil } from '../src/services/wait.js';
import { startHarness, type Harness } from '../test/engine-harness.js';
import { emailJourney, percentile, postBatches, round, seedStore, sizes, writeResults } from './bench-kit.js';

/** Event-to-send latency at a steady 20 events/s, and ingestion rate, on a store holding a shop's history. */
const RATE = 20;
const results: Record<string, unknown> = { storedEvents: sizes.storedEvents, profiles: sizes.profiles };
let h: Harness;
beforeAll(async () => {
  h = await startHarness('bench-latency');
  const started = performance.now();
  await seedStore(sizes.storedEvents, sizes.profiles);
  results.seedSeconds = round((performance.now() - started) / 1000);
});
afterAll(async () => {
  await h?.stop();
  writeResults('latency', results);
});

it('event-to-send (track -> email handed to SMTP) at a steady 20 events/s', async () => {
  const { body } = await h.api<{ id: string }>('POST', '/api/journeys', emailJourney('bench_latency'));
  await h.api('POST', `/api/journeys/${body.id}/publish`);
  const total = RATE * sizes.steadySeconds;
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    // Paced against the clock, so a slow answer does not lower the offered rate.
    const due = started + (i * 1000) / RATE;
    if (due > performance.now()) await delay(due - performance.now());
    void h.track(`seed-${i % sizes.profiles}`, 'bench_latency', { i });
  }
  await pollUntil(
    `${total} emails to be handed to SMTP`,
    async () =>
      (await MessageModel.countDocuments({ journeyId: body.id, status: { $in: ['sent', 'delivered'] } })) >= total
        ? true
        : undefined,
    { timeoutMs: 600_000, intervalMs: 250 },
  );
  // Each event has a user of its own, so a message pairs with its event by user.
  const received = new Map(
    (await EventModel.find({ name: 'bench_latency' }, { userId: 1, receivedAt: 1 }).lean()).map((e) => [
      e.userId,
      e.receivedAt.getTime(),
    ]),
  );
  const messages = await MessageModel.find({ journeyId: body.id }, { userId: 1, history: 1 }).lean();
  const latencies = messages.map((m) => m.history.at(-1)!.at.getTime() - received.get(m.userId)!);
  results.eventToSendMs = {
    rate: RATE,
    events: total,
    p50: Math.round(percentile(latencies, 50)),
    p99: Math.round(percentile(latencies, 99)),
    max: Math.round(Math.max(...latencies)),
  };
});

it('ingestion: /v1/batch events persisted per second', async () => {
  const calls = Array.from({ length: sizes.ingestEvents }, (_, i) => ({
    type: 'track',
    userId: `seed-${i % sizes.profiles}`,
    event: 'bench_ingest',
    properties: { i },
  }));
  const started = performance.now();
  // Two clients at once, each with batches of 500, as a pair of Segment SDK instances would send.
  const half = Math.ceil(calls.length / 2);
  await Promise.all([postBatches(h.app.base, calls.slice(0, half)), postBatches(h.app.base, calls.slice(half))]);
  const seconds = (performance.now() - started) / 1000;
  results.ingestPerSecond = Math.round(calls.length / seconds);
  results.storedEventsAfter = await EventModel.estimatedDocumentCount();
});

it('/v1/track answered to 20 clients at once (one call per request, as server-side SDKs without batching send)', async () => {
  const clients = 20;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; i < sizes.trackCallsPerClient; i++) {
        const sent = performance.now();
        await h.track(`seed-${(client * sizes.trackCallsPerClient + i) % sizes.profiles}`, 'bench_clients', { i });
        latencies.push(performance.now() - sent);
      }
    }),
  );
  results.track20Clients = {
    calls: latencies.length,
    perSecond: Math.round(latencies.length / ((performance.now() - started) / 1000)),
    p50: Math.round(percentile(latencies, 50)),
    p99: Math.round(percentile(latencies, 99)),
  };
});
