import { randomUUID } from 'node:crypto';
import { EventModel, ProfileModel, onlyDuplicateKeys, type StoredEvent } from '../models/index.js';
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

/**
 * Persists calls before they are acknowledged: profile updates, then the events (unique by
 * messageId). Returns the events that are new, which are the ones still to route. Works per batch
 * (one duplicate lookup, one profile upsert, one insert): the embedded store scans per query.
 */
export async function storeCalls(calls: IngestCall[], receivedAt = new Date()): Promise<StoredEvent[]> {
  const withIds = calls.map((call) => ({ call, messageId: call.messageId ?? randomUUID() }));
  const known = new Set((await EventModel.find({ messageId: { $in: withIds.map((c) => c.messageId) } }, { messageId: 1 }).lean()).map((e) => e.messageId));
  const fresh = withIds.filter(({ messageId }) => !known.has(messageId) && known.add(messageId));
  await ensureProfiles([...new Set(fresh.filter(({ call }) => call.type === 'track').map(({ call }) => call.userId))]);

  const events: StoredEvent[] = [];
  for (const { call, messageId } of fresh) {
    events.push({
      messageId,
      type: call.type,
      userId: call.userId,
      name: call.type === 'track' ? call.event : 'identify',
      properties: call.type === 'track' ? call.properties : call.traits,
      timestamp: call.timestamp ? new Date(call.timestamp) : receivedAt,
      receivedAt,
      // Identify applies in order, each keeping the profile as it was before it.
      ...(call.type === 'identify' ? { profileBefore: await storeIdentify(call) } : {}),
    } as StoredEvent);
  }
  if (events.length === 0) return [];
  try {
    await EventModel.insertMany(events, { ordered: false });
    return events;
  } catch (error) {
    // Concurrent requests with the same messageIds won those inserts: already stored, nothing to route.
    if (!onlyDuplicateKeys(error)) throw error;
    const lost = new Set((error as { writeErrors: { index: number }[] }).writeErrors.map((e) => e.index));
    return events.filter((_, i) => !lost.has(i));
  }
}

/** Creates missing profiles for users known only from their events. */
async function ensureProfiles(userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  try {
    await ProfileModel.bulkWrite(userIds.map((userId) => ({ updateOne: { filter: { userId }, update: { $setOnInsert: { userId, traits: {} } }, upsert: true } })), { ordered: false });
  } catch (error) {
    if (!onlyDuplicateKeys(error)) throw error;
  }
}

/** Merges traits into the profile (creating it) and returns the profile as it was before. */
async function storeIdentify(call: IdentifyCall): Promise<ProfileFields> {
  const set: Record<string, unknown> = { ...liftedFields(call.traits) };
  for (const [key, value] of Object.entries(call.traits)) set[`traits.${key}`] = value;
  const update = Object.keys(set).length > 0 ? { $set: set, $setOnInsert: { userId: call.userId } } : { $setOnInsert: { userId: call.userId, traits: {} } };
  const before = await ProfileModel.findOneAndUpdate({ userId: call.userId }, update, { upsert: true, returnDocument: 'before' }).lean();
  return before ? { userId: call.userId, traits: before.traits ?? {}, email: before.email, phone: before.phone, timezone: before.timezone } : { userId: call.userId, traits: {} };
}
