import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { EventModel, ProfileModel } from '../src/models/index.js';
import { repoRoot } from '../src/services/paths.js';
import { tokens } from '../test/engine-harness.js';
export { emailJourney } from '../test/helpers.js';

/** `npm run bench` measures at realistic size; `BENCH_SMOKE=1` (CI) runs every measurement small. */
export const smoke = process.env.BENCH_SMOKE === '1';

export const sizes = smoke
  ? {
      users: 100,
      storedEvents: 2_000,
      profiles: 500,
      steadySeconds: 5,
      ingestEvents: 1_000,
      trackCallsPerClient: 10,
      growth: [1_000, 3_000],
      growthProbes: 3,
      waiting: 200,
    }
  : {
      users: Number(process.env.BENCH_USERS ?? 3_000),
      storedEvents: 100_000,
      profiles: 10_000,
      steadySeconds: 30,
      ingestEvents: 20_000,
      trackCallsPerClient: 100,
      growth: [10_000, 100_000, 300_000],
      growthProbes: 10,
      waiting: 10_000,
    };

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

export const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** Writes `bench-results/<name>.json` (a smoke run: `bench-results/smoke/`, so it never hides a full run's figures). */
export function writeResults(name: string, results: Record<string, unknown>): void {
  const dir = `${repoRoot}bench-results${smoke ? '/smoke' : ''}`;
  mkdirSync(dir, { recursive: true });
  const file = `${dir}/${name}.json`;
  writeFileSync(file, JSON.stringify({ smoke, machine: { cpus: cpus().length }, ...results }, null, 2) + '\n');
  console.log(`\n${name} (${file}):\n${JSON.stringify(results, null, 2)}`);
}

/**
 * CPU time the whole machine has spent so far (every process: engine, Temporal, the store), in ms, from
 * Linux's /proc/stat (clock ticks of 10 ms); undefined elsewhere. It moves less than a rate with how
 * the two cores happen to be shared in a run.
 */
export function machineCpuMs(): number | undefined {
  if (!existsSync('/proc/stat')) return undefined;
  const [, user, nice, system, , , irq, softirq] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]!
    .trim()
    .split(/\s+/);
  return [user, nice, system, irq, softirq].reduce((sum, ticks) => sum + Number(ticks) * 10, 0);
}

/** Posts calls through `/v1/batch`, 500 per request as Segment does. */
export async function postBatches(base: string, calls: object[], perRequest = 500): Promise<void> {
  for (let i = 0; i < calls.length; i += perRequest) {
    const response = await fetch(`${base}/v1/batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.writeKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ batch: calls.slice(i, i + perRequest) }),
    });
    if (response.status !== 200) throw new Error(`batch answered ${response.status}: ${await response.text()}`);
  }
}

const EVENT_NAMES = ['page_viewed', 'product_viewed', 'added_to_cart', 'order_completed', 'app_opened'];

/** Stored history as a running shop has it: `count` routed events over `users` users, and their profiles. */
export async function seedStore(events: number, users: number, from = 0): Promise<void> {
  for (let i = 0; i < users; i += 1_000) {
    await ProfileModel.insertMany(
      Array.from({ length: Math.min(1_000, users - i) }, (_, j) => ({
        userId: `seed-${i + j}`,
        traits: { plan: j % 3 ? 'free' : 'gold' },
        email: `seed-${i + j}@example.com`,
      })),
      { ordered: false },
    ).catch(() => {});
  }
  const receivedAt = new Date(Date.now() - 86_400_000);
  for (let i = from; i < from + events; i += 1_000) {
    await EventModel.insertMany(
      Array.from({ length: Math.min(1_000, from + events - i) }, (_, j) => ({
        messageId: `seed-event-${i + j}`,
        type: 'track',
        userId: `seed-${(i + j) % users}`,
        name: EVENT_NAMES[(i + j) % EVENT_NAMES.length],
        properties: { sku: `sku-${(i + j) % 500}`, price: (i + j) % 90 },
        timestamp: receivedAt,
        receivedAt,
        routed: true,
      })),
      { ordered: false, lean: true },
    );
  }
}
