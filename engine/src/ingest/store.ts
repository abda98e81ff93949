import { randomUUID } from 'node:crypto';
import { EventModel, ProfileModel, type StoredEvent } from '../models/index.js';
import type { ProfileFields } from '../profiles/context.js';
import type { IdentifyCall, TrackCall } from './schemas.js';

export type IngestCall = ({ type: 'identify' } & IdentifyCall) | ({ type: 'track' } & TrackCall);

/** Traits that are also first-class profile fields (channels and time zone read them). */
const liftedTraits = ['email', 'phone', 'timezone'] as const;

/** The first-class fields an identify sets from its traits. */
function liftedFields(traits: Record<string, unknown>): Partial<Record<(typeof liftedTraits)[number], string>> {
  const lifted: Partial<Record<(typeof liftedTraits)[number], string>> = {};
  for (const field of liftedTraits) {
    const value = traits[field];
    if (typeof value === 'string' && value) lifted[field] = value;
  }
  return lifted;
}

/** The profile as an identify leaves it, from the profile before (what routing compares for segment triggers). */
export function applyIdentify(before: ProfileFields, traits: Record<string, unknown>): ProfileFields {
  return { ...before, ...liftedFields(traits), traits: { ...(before.traits as Record<string, unknown> | undefined), ...traits } };
}

const isDuplicateKey = (error: unknown) => (error as { code?: number }).code === 11000;

/**
 * Persists calls before they are acknowledged: profile updates, then the events (unique by
 * messageId). Returns the events that are new, which are the ones still to route.
 */
export async function storeCalls(calls: IngestCall[], receivedAt = new Date()): Promise<StoredEvent[]> {
  const fresh: StoredEvent[] = [];
  for (const call of calls) {
    const messageId = call.messageId ?? randomUUID();
    if (await EventModel.exists({ messageId })) continue;
    const profileBefore = call.type === 'identify' ? await storeIdentify(call) : await ensureProfile(call.userId);
    const event = {
      messageId,
      type: call.type,
      userId: call.userId,
      name: call.type === 'track' ? call.event : 'identify',
      properties: call.type === 'track' ? call.properties : call.traits,
      timestamp: call.timestamp ? new Date(call.timestamp) : receivedAt,
      receivedAt,
      ...(call.type === 'identify' ? { profileBefore } : {}),
    };
    try {
      await EventModel.create(event);
      fresh.push(event as StoredEvent);
    } catch (error) {
      // A concurrent request with the same messageId won the insert: already stored, nothing to route.
      if (!isDuplicateKey(error)) throw error;
    }
  }
  return fresh;
}

async function ensureProfile(userId: string): Promise<undefined> {
  try {
    await ProfileModel.updateOne({ userId }, { $setOnInsert: { userId, traits: {} } }, { upsert: true });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  return undefined;
}

/** Merges traits into the profile (creating it) and returns the profile as it was before. */
async function storeIdentify(call: IdentifyCall): Promise<ProfileFields> {
  const set: Record<string, unknown> = { ...liftedFields(call.traits) };
  for (const [key, value] of Object.entries(call.traits)) set[`traits.${key}`] = value;
  const update = Object.keys(set).length > 0 ? { $set: set, $setOnInsert: { userId: call.userId } } : { $setOnInsert: { userId: call.userId, traits: {} } };
  const before = await ProfileModel.findOneAndUpdate({ userId: call.userId }, update, { upsert: true, returnDocument: 'before' }).lean();
  return before ? { userId: call.userId, traits: before.traits ?? {}, email: before.email, phone: before.phone, timezone: before.timezone } : { userId: call.userId, traits: {} };
}
