import type { SeenField, SeenFields } from '@waymark/workflows/api';
import { EventModel, ProfileModel } from '../models/index.js';
import { storedRecord } from '../models/stored-json.js';

/** How many of the newest profiles and events are read: enough to know the fields, cheap on a store that scans. */
const SAMPLE = 200;
const EXAMPLE_LENGTH = 40;

/** Counts the leaf paths of documents (one level into nested objects), under a prefix. */
function tally(documents: readonly Record<string, unknown>[], prefix: string): SeenField[] {
  const fields = new Map<string, SeenField>();
  const see = (path: string, value: unknown) => {
    if (value === undefined || value === null || value === '') return;
    const seen = fields.get(path);
    if (seen) seen.count++;
    else
      fields.set(path, {
        path,
        count: 1,
        example: (typeof value === 'string' ? value : JSON.stringify(value)).slice(0, EXAMPLE_LENGTH),
      });
  };
  for (const document of documents) {
    for (const [key, value] of Object.entries(document)) {
      if (value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date))
        for (const [inner, leaf] of Object.entries(value)) see(`${prefix}${key}.${inner}`, leaf);
      else see(`${prefix}${key}`, value instanceof Date ? value.toISOString() : value);
    }
  }
  return [...fields.values()].sort((a, b) => b.count - a.count || a.path.localeCompare(b.path));
}

/**
 * The profile fields and event properties (of one event name, if given) real data carries, as Liquid
 * paths (`profile.firstName`, `event.properties.name`), for the designer's personalisation picker
 * and its warnings about variables that would render empty.
 */
export async function seenFields(event: string | undefined): Promise<SeenFields> {
  const [profiles, events] = await Promise.all([
    ProfileModel.find({}, { traits: 1, email: 1, phone: 1, timezone: 1, userId: 1 })
      .sort({ updatedAt: -1 })
      .limit(SAMPLE)
      .lean(),
    EventModel.find({ type: 'track', ...(event ? { name: event } : {}) }, { properties: 1 })
      .sort({ timestamp: -1 })
      .limit(SAMPLE)
      .lean(),
  ]);
  const profileFields = profiles.map(({ traits, email, phone, timezone, userId }) => ({
    userId,
    email,
    phone,
    timezone,
    ...storedRecord(traits),
  }));
  return {
    profile: tally(profileFields, 'profile.'),
    event: tally(
      events.map((e) => storedRecord(e.properties)),
      'event.properties.',
    ),
  };
}
