import { create } from 'zustand';
import type { ProfileView } from '@waymark/workflows/api';

/**
 * The test profile and triggering event that previews and the simulator render against, as
 * editable JSON text (kept while the marketer moves between nodes and panels).
 */
export interface SampleContext {
  profileText: string;
  eventText: string;
  setProfileText(text: string): void;
  setEventText(text: string): void;
}

export const useSampleContext = create<SampleContext>()((set) => ({
  profileText: JSON.stringify(
    {
      userId: 'test-user',
      email: 'ada@example.com',
      phone: '+15555550100',
      timezone: 'Asia/Seoul',
      first_name: 'Ada',
      plan: 'gold',
      devices: [{ platform: 'fcm', token: 'simulated-device' }],
    },
    null,
    2,
  ),
  eventText: JSON.stringify(
    { name: 'added_to_cart', properties: { productId: 'p-1', name: 'Tablet case', url: 'https://shop.example/p/1' } },
    null,
    2,
  ),
  setProfileText: (profileText) => set({ profileText }),
  setEventText: (eventText) => set({ eventText }),
}));

/** Parses a JSON object typed by the marketer; the message says what is wrong. */
export function parseJsonObject(
  text: string,
): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== 'object' || Array.isArray(value))
      return { ok: false, message: 'must be a JSON object, e.g. { "plan": "gold" }' };
    return { ok: true, value: value as Record<string, unknown> };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

/** A stored profile as the Liquid context sees it (`profile.first_name`, `profile.email`, ...). */
export function profileContext(view: ProfileView): Record<string, unknown> {
  const contact = Object.fromEntries(
    Object.entries({ email: view.email, phone: view.phone, timezone: view.timezone }).filter(
      ([, value]) => value !== undefined,
    ),
  );
  return { ...view.traits, userId: view.userId, ...contact };
}
