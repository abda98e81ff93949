import { LRUCache } from 'lru-cache';
import { randomUUID } from 'node:crypto';
import {
  EventModel,
  ProfileModel,
  insertPlain,
  isDuplicateKey,
  onlyDuplicateKeys,
  type StoredEvent,
} from '../models/index.js';
import type { ProfileFields } from '../profiles/context.js';
import { withProfileLock } from '../profiles/profile-lock.js';
import { escapeKey, toStored } from '../models/stored-json.js';

/** What storeCalls stores (ingestion after normalizing, and the engine's own events). */
export interface IdentifyCall {
  userId: string;
  traits: Record<string, unknown>;
  timestamp?: string;
  messageId?: string;
}
export interface TrackCall {
  userId: string;
  event: string;
  properties: Record<string, unknown>;
  timestamp?: string;
  messageId?: string;
}

export type IngestCall = ({ type: 'identify' } & IdentifyCall) | ({ type: 'track' } & TrackCall);

/** Which stored events routing has any work for (the router answers it): the others are stored as routed. */
export type RoutingNeed = (event: Pick<StoredEvent, 'type' | 'name'>) => boolean;

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
  return {
    ...before,
    ...liftedFields(traits),
    traits: { ...(before.traits as Record<string, unknown> | undefined), ...traits },
  };
}

/** Users this process has seen a profile for: a track by a known user writes nothing to the profiles. */
const knownProfiles = new LRUCache<string, true>({ max: 100_000 });

/**
 * Persists calls before they are acknowledged (keys and nesting of traits and properties as
 * models/stored-json.ts stores them; check the depth first, toStored throws past it) and returns the events that are new, which are the ones
 * still to route. Dedupe by messageId rests on the events' unique index (an insert, never a lookup over
 * the growing collection); an identify changes the profile before its event is stored, so it first asks
 * whether its messageId is stored already (one keyed read). docs/store.md lists each call's cost.
 */
export async function storeCalls(
  calls: IngestCall[],
  needsRouting: RoutingNeed = () => true,
  receivedAt = new Date(),
): Promise<StoredEvent[]> {
  const seen = new Set<string>();
  const fresh = calls
    .map((call) => ({ call, messageId: call.messageId ?? randomUUID() }))
    .filter(({ messageId }) => !seen.has(messageId) && seen.add(messageId));
  await createMissingProfiles(fresh.filter(({ call }) => call.type === 'track').map(({ call }) => call.userId));

  const events: StoredEvent[] = [];
  for (const { call, messageId } of fresh) {
    const base = {
      messageId,
      type: call.type,
      userId: call.userId,
      timestamp: call.timestamp ? new Date(call.timestamp) : receivedAt,
      receivedAt,
      // Stored as routed when no journey has any use for it: no routing write, nothing for the sweeper.
      routed: !needsRouting({ type: call.type, name: call.type === 'track' ? call.event : 'identify' }),
    };
    if (call.type === 'track') {
      events.push({ ...base, name: call.event, properties: toStored(call.properties) });
    } else if (!(await EventModel.exists({ messageId }))) {
      // Identify applies in order, each keeping the profile as it was before it.
      events.push({
        ...base,
        name: 'identify',
        properties: toStored(call.traits),
        profileBefore: await storeIdentify(call),
      });
    }
  }
  return insertNew(events);
}

/** Inserts the events; those whose messageId is stored already (retries, concurrent twins) are left out. */
async function insertNew(events: StoredEvent[]): Promise<StoredEvent[]> {
  if (events.length === 0) return [];
  try {
    await insertPlain(EventModel, events, { ordered: false });
    return events;
  } catch (error) {
    if (!onlyDuplicateKeys(error)) throw error;
    const lost = new Set((error as { writeErrors: { index: number }[] }).writeErrors.map((e) => e.index));
    return events.filter((_, i) => !lost.has(i));
  }
}

/** Creates the profiles of users known only from their events. Inserts only: an insert never overwrites a concurrent identify. */
async function createMissingProfiles(userIds: string[]): Promise<void> {
  const unknown = [...new Set(userIds)].filter((userId) => !knownProfiles.has(userId));
  if (unknown.length === 0) return;
  try {
    await ProfileModel.insertMany(
      unknown.map((userId) => ({ userId, traits: {} })),
      { ordered: false },
    );
  } catch (error) {
    if (!onlyDuplicateKeys(error)) throw error;
  }
  for (const userId of unknown) knownProfiles.set(userId, true);
}

/** Merges traits into the profile (creating it) and returns the profile as it was before. */
async function storeIdentify(call: IdentifyCall): Promise<ProfileFields> {
  const set: Record<string, unknown> = { ...liftedFields(call.traits) };
  for (const [key, value] of Object.entries(call.traits)) set[`traits.${escapeKey(key)}`] = toStored(value);
  const update =
    Object.keys(set).length > 0
      ? { $set: set, $setOnInsert: { userId: call.userId } }
      : { $setOnInsert: { userId: call.userId, traits: {} } };
  const write = () =>
    ProfileModel.findOneAndUpdate({ userId: call.userId }, update, { upsert: true, returnDocument: 'before' }).lean();
  // A track's profile insert (not under the lock) can win the race to create it: then update what it made.
  const before = await withProfileLock(call.userId, () =>
    write().catch((error: unknown) => (isDuplicateKey(error) ? write() : Promise.reject(error))),
  );
  knownProfiles.set(call.userId, true);
  return before
    ? {
        userId: call.userId,
        traits: before.traits ?? {},
        email: before.email,
        phone: before.phone,
        timezone: before.timezone,
      }
    : { userId: call.userId, traits: {} };
}
