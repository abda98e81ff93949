import type { Device } from '@waymark/channels';
import { ProfileModel } from '../models/index.js';
import { withProfileLock } from './profile-lock.js';

/** A push token as the profile keeps it. */
type StoredDevice = Device & { addedAt: Date };

/**
 * Device lists change by read-modify-write under the user's profile lock: on FerretDB 1.x, `$ne` on an
 * array member let a token in twice and `$pull` with a condition removed nothing (seen in tests);
 * the lock keeps concurrent changes whole.
 */
async function updateDevices(userId: string, change: (devices: StoredDevice[]) => StoredDevice[]): Promise<void> {
  await withProfileLock(userId, async () => {
    const profile = await ProfileModel.findOneAndUpdate(
      { userId },
      { $setOnInsert: { userId, traits: {} } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    const before = profile?.devices ?? [];
    const after = change(before);
    if (after !== before) await ProfileModel.updateOne({ userId }, { $set: { devices: after } });
  });
}

/** Registers a push token on the profile (creating it); a token already there is kept once. */
export async function registerDevice({ userId, platform, token }: Device & { userId: string }): Promise<void> {
  await updateDevices(userId, (devices) =>
    devices.some((d) => d.token === token) ? devices : [...devices, { platform, token, addedAt: new Date() }],
  );
}

/** Removes tokens a push service reported as invalid (app uninstalled, token expired). */
export async function removeDevices(userId: string, tokens: string[]): Promise<void> {
  await updateDevices(userId, (devices) => devices.filter((d) => !tokens.includes(d.token)));
}
