import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { Schema, model } from 'mongoose';
import { insertPlain } from './insert-plain.js';
import { isDuplicateKey } from './write-errors.js';

/**
 * Short-lived mutual exclusion (e.g. one send decision per user at a time). A lock is a document
 * with a unique `_id`: inserting it is atomic on MongoDB and FerretDB alike, where FerretDB's
 * read-modify-write updates (`$inc`) are not.
 */
const LockSchema = new Schema(
  {
    _id: { type: String, required: true },
    owner: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);

export const LockModel = model('Lock', LockSchema);

export interface LockOptions {
  /** A lock older than this belongs to a holder that crashed: take it over. */
  staleMs?: number;
  /** Give up (the caller's activity retries) after waiting this long. */
  waitMs?: number;
}

/** Runs `fn` while holding the lock `name` (across processes, through the store). */
export async function withLock<T>(
  name: string,
  fn: () => Promise<T>,
  { staleMs = 30_000, waitMs = 20_000 }: LockOptions = {},
): Promise<T> {
  const owner = randomUUID();
  const deadline = Date.now() + waitMs;
  for (let attempt = 0; ; attempt++) {
    try {
      await insertPlain(LockModel, [{ _id: name, owner, at: new Date() }]);
      break;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    await LockModel.deleteOne({ _id: name, at: { $lt: new Date(Date.now() - staleMs) } });
    if (Date.now() > deadline) throw new Error(`lock ${name} is busy; try again`);
    // Jittered backoff keeps contenders from retrying in step.
    await delay(Math.min(200, 5 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random()));
  }
  try {
    return await fn();
  } finally {
    await LockModel.deleteOne({ _id: name, owner });
  }
}
