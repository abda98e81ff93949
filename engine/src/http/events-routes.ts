import { Router } from 'express';
import { eventNamesQuery } from '@waymark/workflows/api';
import { EventModel } from '../models/index.js';
import { parseQuery } from './validate.js';

/** How far back autocomplete looks: names in use lately, without reading all history. */
const RECENT_MS = 30 * 24 * 3_600_000;
const RECENT_EVENTS = 5_000;
const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `GET /api/events/names?prefix=&limit=`: names among the newest 5,000 events of the last 30 days, most recent first, with counts (designer autocomplete). */
export function eventRoutes(): Router {
  const router = Router();
  router.get('/events/names', async (req, res) => {
    const { prefix, limit } = parseQuery(eventNamesQuery, req.query);
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
    const names = new Map<string, { name: string; count: number; lastSeenAt: string }>();
    for (const event of recent) {
      const seen = names.get(event.name);
      if (seen) seen.count++;
      else names.set(event.name, { name: event.name, count: 1, lastSeenAt: event.timestamp.toISOString() });
    }
    res.json({ names: [...names.values()].slice(0, limit) });
  });
  return router;
}
