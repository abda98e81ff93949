import type { EventNameSuggestion } from '@waymark/workflows/api';
import { EventModel } from '../models/index.js';

/** How far back autocomplete looks: names in use lately, without reading all history. */
const RECENT_MS = 30 * 24 * 3_600_000;
const RECENT_EVENTS = 5_000;
const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Names among the newest 5,000 track events of the last 30 days starting with `prefix`, most recent first, with counts (designer autocomplete). */
export async function recentEventNames(prefix: string, limit: number): Promise<EventNameSuggestion[]> {
  // The newest events, counted here: FerretDB has no $max in $group, and a bounded window keeps it cheap.
  const recent = await EventModel.find(
    {
      type: 'track',
      timestamp: { $gte: new Date(Date.now() - RECENT_MS) },
      ...(prefix ? { name: { $regex: `^${escapeRegex(prefix)}` } } : {}),
    },
    { name: 1, timestamp: 1 },
  )
    .sort({ timestamp: -1 })
    .limit(RECENT_EVENTS)
    .lean();
  const names = new Map<string, EventNameSuggestion>();
  for (const event of recent) {
    const seen = names.get(event.name);
    if (seen) seen.count++;
    else names.set(event.name, { name: event.name, count: 1, lastSeenAt: event.timestamp.toISOString() });
  }
  return [...names.values()].slice(0, limit);
}
