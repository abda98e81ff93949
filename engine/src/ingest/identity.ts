import { LRUCache } from 'lru-cache';
import { AliasModel, EventModel, ProfileModel, isDuplicateKey } from '../models/index.js';
import { withProfileLock } from '../profiles/profile-lock.js';

/** Links this process has seen (they never change once made). */
const links = new LRUCache<string, string>({ max: 100_000 });

/** The user an anonymous id belongs to: the user it was linked to by identify or alias, else itself. */
export async function resolveUser(anonymousId: string): Promise<string> {
  const cached = links.get(anonymousId);
  if (cached) return cached;
  const alias = await AliasModel.findOne({ anonymousId }, { userId: 1 }).lean();
  if (!alias) return anonymousId;
  links.set(anonymousId, alias.userId);
  return alias.userId;
}

/**
 * Identity merge: from now on `anonymousId` means `userId`. The first link of an anonymous id wins
 * (a unique insert); the one that makes it moves the anonymous profile's traits the user does not
 * have yet, and the anonymous events, to the user.
 */
export async function linkIdentity(anonymousId: string, userId: string): Promise<void> {
  if (anonymousId === userId || links.has(anonymousId)) return;
  try {
    await AliasModel.create({ anonymousId, userId, createdAt: new Date() });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const existing = await AliasModel.findOne({ anonymousId }, { userId: 1 }).lean();
    if (existing) links.set(anonymousId, existing.userId);
    return;
  }
  links.set(anonymousId, userId);
  await mergeProfile(anonymousId, userId);
}

const lifted = ['email', 'phone', 'timezone'] as const;

async function mergeProfile(from: string, into: string): Promise<void> {
  const anonymous = await ProfileModel.findOne({ userId: from }).lean();
  if (anonymous) {
    await withProfileLock(into, async () => {
      const user = await ProfileModel.findOne({ userId: into }).lean();
      // What the user said about themselves wins over what was recorded anonymously.
      const fields: Record<string, unknown> = {
        traits: { ...(anonymous.traits as object), ...(user?.traits as object) },
      };
      for (const field of lifted) if (!user?.[field] && anonymous[field]) fields[field] = anonymous[field];
      await upsertProfile(into, fields);
    });
    await ProfileModel.deleteOne({ userId: from });
  }
  await EventModel.updateMany({ userId: from }, { $set: { userId: into } });
}

/** Sets fields on the profile, creating it; a concurrent insert of the same profile (a track) is no error. */
export async function upsertProfile(userId: string, fields: Record<string, unknown>): Promise<void> {
  try {
    await ProfileModel.updateOne({ userId }, { $set: fields, $setOnInsert: { userId } }, { upsert: true });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    await ProfileModel.updateOne({ userId }, { $set: fields });
  }
}
