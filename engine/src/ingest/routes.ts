import { deviceCall } from '@waymark/workflows/api';
import { Router } from 'express';
import { z } from 'zod';
import { requireWriteKey } from '../http/auth.js';
import { ApiError } from '../http/errors.js';
import { parseOr400 } from '../http/validate.js';
import type { StoredEvent } from '../models/index.js';
import { registerDevice } from '../profiles/devices.js';
import { jsonBody } from './body.js';
import { linkIdentity, resolveUser } from './identity.js';
import { normalizeCall, segmentCallTypes, type NormalizedCall } from './segment-calls.js';
import { storeCalls, type IngestCall, type RoutingNeed } from './store.js';
import { toStored, TooDeepError } from '../models/stored-json.js';

export interface IngestOptions {
  writeKey: string;
  /** Called with newly stored events once they are durable; routing happens from here on. */
  onStored: (events: StoredEvent[]) => void;
  /** Which events the published journeys need routed (default: all); the others are stored as routed. */
  routingNeed?: () => Promise<RoutingNeed>;
}

/** A call of a batch that was not stored, and why. */
export interface Rejected {
  index: number;
  reason: string;
}

const KB = 1024;
const batchEnvelope = z.looseObject({
  batch: z.array(z.unknown()).min(1, 'batch must hold at least one call').max(500, 'batch holds at most 500 calls'),
});

/**
 * Segment-compatible ingestion (README, "Ingestion"): identify, track, page, screen, group and alias,
 * alone (32 KB) or in a batch (500 KB), as Segment's HTTP API takes them. A bad call of a batch is
 * listed in `rejected` by its index with the reason, and the others are stored.
 */
export function ingestRoutes({ writeKey, onStored, routingNeed }: IngestOptions): Router {
  const router = Router();

  const store = async (calls: NormalizedCall[]) => {
    const stored = await storeInOrder(calls, routingNeed ? await routingNeed() : () => true);
    onStored(stored);
    return { success: true as const, stored: stored.length, duplicates: calls.length - stored.length };
  };

  for (const type of segmentCallTypes) {
    router.post(`/${type}`, ...jsonBody(32 * KB), requireWriteKey(writeKey), async (req, res) => {
      const result = checked(normalizeCall(req.body, type, new Date()));
      if ('reason' in result) throw invalidCall(result.reason);
      res.json(await store([result.call]));
    });
  }

  router.post('/batch', ...jsonBody(500 * KB), requireWriteKey(writeKey), async (req, res) => {
    // The envelope only: the calls are checked one by one below (parseOr400 would refuse a NUL in any of them).
    const envelope = batchEnvelope.safeParse(req.body);
    if (!envelope.success) parseOr400(batchEnvelope, req.body);
    const { batch, sentAt } = envelope.data as { batch: unknown[]; sentAt?: unknown };
    const receivedAt = new Date();
    const accepted: NormalizedCall[] = [];
    const rejected: Rejected[] = [];
    batch.forEach((raw, index) => {
      const result = checked(normalizeCall(raw, undefined, receivedAt, sentAt));
      if ('reason' in result) rejected.push({ index, reason: result.reason });
      else accepted.push(result.call);
    });
    res.json({ ...(await store(accepted)), ...(rejected.length ? { rejected } : {}) });
  });

  router.post('/devices', ...jsonBody(32 * KB), requireWriteKey(writeKey), async (req, res) => {
    await registerDevice(parseOr400(deviceCall, req.body));
    res.json({ success: true });
  });
  return router;
}

/** The normalized call, or the reason it cannot be stored (its data nested too deep). */
function checked(result: ReturnType<typeof normalizeCall>): { call: NormalizedCall } | { reason: string } {
  if (!result.ok) return { reason: result.reason };
  try {
    toStored(result.call.data);
  } catch (error) {
    if (error instanceof TooDeepError)
      return { reason: `${result.call.kind === 'identify' ? 'traits' : 'properties'}: ${error.message}` };
    throw error;
  }
  return { call: result.call };
}

function invalidCall(reason: string): ApiError {
  const [field, ...message] = reason.split(': ');
  return new ApiError(400, 'invalid_request', `Invalid call: ${reason}`, {
    issues: [{ field, message: message.join(': ') }],
  });
}

/**
 * Stores the calls in order, with identity links in between: calls before a link are stored before
 * it merges the anonymous user's profile and events into the user, calls after it resolve to the user.
 */
async function storeInOrder(calls: NormalizedCall[], needsRouting: RoutingNeed): Promise<StoredEvent[]> {
  const stored: StoredEvent[] = [];
  let pending: IngestCall[] = [];
  for (const call of calls) {
    const linkFrom = call.linkFrom ?? (call.userId && call.anonymousId ? call.anonymousId : undefined);
    if (linkFrom && call.userId && linkFrom !== call.userId) {
      stored.push(...(await storeCalls(pending, needsRouting)));
      pending = [];
      await linkIdentity(linkFrom, call.userId);
    }
    const userId = call.userId ?? (await resolveUser(call.anonymousId!));
    const common = {
      userId,
      timestamp: call.timestamp.toISOString(),
      ...(call.messageId ? { messageId: call.messageId } : {}),
    };
    pending.push(
      call.kind === 'identify'
        ? { type: 'identify', ...common, traits: call.data }
        : { type: 'track', ...common, event: call.name, properties: call.data },
    );
  }
  stored.push(...(await storeCalls(pending, needsRouting)));
  return stored;
}
