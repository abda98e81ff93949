import type { RequestResults } from '@waymark/workflows';
import { Types } from 'mongoose';
import {
  MessageModel,
  insertPlain,
  isDuplicateKey,
  type Message,
  type MessageStatus,
  type PlainDoc,
} from '../models/index.js';
import { statusesBehind } from './status-rank.js';

export type Outcome = RequestResults['send'];

/** The fields every outbox entry of one send carries. */
export interface OutboxBase {
  key: string;
  workflowId?: string;
  journeyId: string;
  version: number;
  nodeId: string;
  userId: string;
  transactional: boolean;
  test?: boolean;
}

/** An outbox entry found under the key: final, or `deferred` (quiet hours) and to be decided again. */
export type Existing = {
  _id: unknown;
  status: string;
  channel: string;
  reason?: string | null;
  deferredUntil?: Date | null;
  updatedAt?: Date | null;
} | null;

export const findByKey = (key: string): Promise<Existing> =>
  MessageModel.findOne({ key }, { status: 1, channel: 1, reason: 1, deferredUntil: 1, updatedAt: 1 }).lean();

const historyEntry = (status: MessageStatus, detail?: string) => ({
  status,
  at: new Date(),
  ...(detail ? { detail } : {}),
});

/**
 * Records an outcome that sends nothing (skipped, deferred). A deferred entry under the key is
 * updated in place; otherwise a new entry is created, and a concurrent twin's entry wins.
 */
export async function recordDecision(
  base: OutboxBase,
  existing: Existing,
  decision: { status: 'skipped' | 'deferred'; channel: string; reason: string; until?: Date },
): Promise<Outcome> {
  const fields = {
    status: decision.status,
    channel: decision.channel,
    reason: decision.reason,
    ...(decision.until ? { deferredUntil: decision.until } : {}),
  };
  if (existing) {
    await MessageModel.updateOne(
      { _id: existing._id },
      { $set: fields, $push: { history: historyEntry(decision.status, decision.reason) } },
    );
  } else {
    const created = await createUnlessTaken({
      ...base,
      ...fields,
      history: [historyEntry(decision.status, decision.reason)],
    });
    if ('outcome' in created) return created.outcome;
  }
  return {
    status: decision.status,
    channel: decision.channel,
    reason: decision.reason,
    ...(decision.until ? { until: decision.until.toISOString() } : {}),
  };
}

/**
 * Writes the entry as `sending` before the provider is called: a retried activity finds it and does
 * not send again (at most once). Returns the entry's id, or the outcome of whoever claimed it first.
 */
export async function claimForSending(
  base: OutboxBase,
  existing: Existing,
  channel: string,
  capped: boolean,
): Promise<{ id: string } | { outcome: Outcome }> {
  const fields = { status: 'sending' as const, channel, capped };
  if (existing) {
    const claimed = await MessageModel.updateOne(
      { _id: existing._id, status: 'deferred' },
      { $set: fields, $unset: { reason: '', deferredUntil: '' }, $push: { history: historyEntry('sending') } },
    );
    return claimed.modifiedCount === 1
      ? { id: String(existing._id) }
      : { outcome: outcomeOf((await findByKey(base.key))!) };
  }
  return createUnlessTaken({ ...base, ...fields, history: [historyEntry('sending')] });
}

/** Creates the entry under its key; when a twin (a retried activity, a reset workflow) created it first, that entry's outcome. */
async function createUnlessTaken(
  doc: OutboxBase &
    Pick<PlainDoc<Message>, 'status' | 'channel' | 'history'> &
    Partial<Pick<Message, 'reason' | 'deferredUntil' | 'capped'>>,
): Promise<{ id: string } | { outcome: Outcome }> {
  const [_id, now] = [new Types.ObjectId(), new Date()];
  try {
    await insertPlain(MessageModel, [{ _id, capped: false, ...doc, createdAt: now, updatedAt: now }]);
    return { id: _id.toString() };
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return { outcome: outcomeOf((await findByKey(doc.key))!) };
  }
}

/** A send interrupted inside the provider call is retried under the same key: restart the entry's clock. */
export async function claimAgain(id: unknown): Promise<void> {
  await MessageModel.updateOne(
    { _id: id, status: 'sending' },
    {
      $set: { updatedAt: new Date() },
      $push: {
        history: historyEntry(
          'sending',
          'again after an interrupted provider call (the provider dedupes by idempotency key)',
        ),
      },
    },
  );
}

/**
 * An interrupted send the provider cannot dedupe (or that nothing will retry): it may or may not have
 * gone out. Ops see it as `unknown`.
 */
export async function markUnknown(
  id: unknown,
  key: string,
  channel: string,
  detail = 'the provider call was interrupted; it may or may not have been delivered',
): Promise<Outcome> {
  const reason = 'interrupted';
  const marked = await MessageModel.updateOne(
    { _id: id, status: 'sending' },
    { $set: { status: 'unknown', reason }, $push: { history: historyEntry('unknown', detail) } },
  );
  // The interrupted call settled after all (it was only slow): its outcome stands.
  if (marked.modifiedCount === 0) return outcomeOf((await findByKey(key))!);
  return { status: 'unknown', channel, reason };
}

export async function settle(
  id: string,
  channel: string,
  update: {
    status: 'sent' | 'delivered' | 'failed';
    reason?: string;
    detail?: string;
    providerMessageId?: string;
    rendered?: unknown;
  },
): Promise<Outcome> {
  const { detail, status, ...fields } = update;
  const history = { $push: { history: historyEntry(status, detail) } };
  // The status only moves forward: a delivery callback or a click may have come before the call returned.
  const settled = await MessageModel.updateOne(
    { _id: id, status: { $in: statusesBehind(status) } },
    { $set: { ...fields, status }, ...history },
  );
  if (settled.modifiedCount === 0) {
    const known = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    await MessageModel.updateOne({ _id: id }, { ...(Object.keys(known).length ? { $set: known } : {}), ...history });
  }
  return { status, channel, ...(update.reason ? { reason: update.reason } : {}) };
}

export function outcomeOf(message: NonNullable<Existing>): Outcome {
  return {
    status: message.status,
    channel: message.channel,
    ...(message.reason ? { reason: message.reason } : {}),
    ...(message.deferredUntil ? { until: message.deferredUntil.toISOString() } : {}),
  };
}
