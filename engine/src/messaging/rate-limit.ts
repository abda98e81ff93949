import { setTimeout as delay } from 'node:timers/promises';
import { RateSlotModel, isDuplicateKey } from '../models/index.js';

/** At most `limit` takes per fixed window of `windowMs` (each calendar minute, ...), per scope. */
export interface Limit {
  /** What is limited, e.g. `journey:<id>`. */
  scope: string;
  limit: number;
  windowMs: number;
}

export type Take = { granted: true } | { granted: false; retryAt: Date };

/** How often a process deletes the slots of past windows. */
const SWEEP_EVERY_MS = 60_000;

/**
 * Rate limits shared by every process on the store. Each unit of a limit is a slot document with a
 * deterministic `_id`; taking one is a plain insert, and unique inserts are atomic on MongoDB and
 * FerretDB (where `$inc` is not), so processes together never take more slots than exist.
 */
export class SharedRateLimiter {
  /** The first slot worth trying, per scope and window: this process saw the ones before it taken. */
  private readonly hints = new Map<string, number>();
  private lastSweep = 0;

  /** Fixed windows: slots `<scope>:<window>:<n>` for n below the limit. */
  async take({ scope, limit, windowMs }: Limit, now = Date.now()): Promise<Take> {
    const window = Math.floor(now / windowMs);
    const retryAt = new Date((window + 1) * windowMs);
    const hint = `${scope}:${windowMs}:${window}`;
    const taken = await this.firstFree(hint, 0, limit, (n) => `${scope}:${window}:${n}`, retryAt.getTime() + windowMs);
    return taken === undefined ? { granted: false, retryAt } : { granted: true };
  }

  /**
   * Even spacing: reserves the next free tick of `intervalMs` (slot `<scope>:<tick>`) that starts
   * within `maxWaitMs`, waits for its start and returns it, so sends across processes start at
   * distinct ticks, one interval apart. Undefined, having waited for nothing, when every tick in
   * reach is taken.
   */
  async waitForTick(scope: string, intervalMs: number, maxWaitMs: number): Promise<Date | undefined> {
    const now = Date.now();
    const next = Math.ceil(now / intervalMs);
    const last = Math.floor((now + maxWaitMs) / intervalMs);
    const tick = await this.firstFree(
      `${scope}:${intervalMs}`,
      next,
      last + 1,
      (t) => `${scope}:${intervalMs}:${t}`,
      (last + 1) * intervalMs,
    );
    if (tick === undefined) return undefined;
    const start = tick * intervalMs;
    // Timers may fire a millisecond early by the wall clock: wait until the tick has begun.
    for (let wait = start - Date.now(); wait > 0; wait = start - Date.now()) await delay(wait);
    return new Date(start);
  }

  /**
   * Inserts the first free slot in [from, to), starting past the slots this process saw taken under
   * `hint` (one key per scope and window or interval; all forgotten at each sweep).
   */
  private async firstFree(
    hint: string,
    from: number,
    to: number,
    id: (slot: number) => string,
    expiresAt: number,
  ): Promise<number | undefined> {
    await this.sweep();
    for (let slot = Math.max(from, this.hints.get(hint) ?? 0); slot < to; slot++) {
      try {
        await RateSlotModel.create({ _id: id(slot), expiresAt: new Date(expiresAt) });
        this.hints.set(hint, slot + 1);
        return slot;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    }
    this.hints.set(hint, to);
    return undefined;
  }

  private async sweep(): Promise<void> {
    const now = Date.now();
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    this.hints.clear();
    await RateSlotModel.deleteMany({ expiresAt: { $lt: new Date(now) } });
  }
}

/** A journey's `settings.rateLimit`: messages a calendar minute, across all workers. */
export function journeyLimit(journeyId: string, perMinute: number): Limit {
  return { scope: `journey:${journeyId}`, limit: perMinute, windowMs: 60_000 };
}
