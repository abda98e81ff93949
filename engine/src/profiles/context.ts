import { ProfileModel } from '../models/index.js';
import { storedRecord } from '../models/stored-json.js';

/** The stored fields a profile context is made of (a profile document, or the snapshot an identify keeps). */
export interface ProfileFields {
  userId: string;
  traits?: unknown;
  email?: string | null;
  phone?: string | null;
  timezone?: string | null;
  devices?: { platform: string; token: string }[] | null;
  whatsappSessionAt?: Date | null;
}

/** The profile as conditions and templates see it: traits flattened with userId, email, phone, timezone, devices. */
export function profileContext(profile: ProfileFields | null | undefined, userId: string): Record<string, unknown> {
  if (!profile) return { userId };
  return {
    ...storedRecord(profile.traits),
    userId: profile.userId,
    ...(profile.email ? { email: profile.email } : {}),
    ...(profile.phone ? { phone: profile.phone } : {}),
    ...(profile.timezone ? { timezone: profile.timezone } : {}),
    devices: (profile.devices ?? []).map((d) => ({ platform: d.platform, token: d.token })),
    ...(profile.whatsappSessionAt ? { whatsappSessionAt: profile.whatsappSessionAt.toISOString() } : {}),
  };
}

export async function loadProfileContext(userId: string): Promise<Record<string, unknown>> {
  return profileContext(await ProfileModel.findOne({ userId }).lean(), userId);
}
