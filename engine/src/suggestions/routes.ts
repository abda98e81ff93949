import { eventNamesQuery, fieldsQuery } from '@waymark/workflows/api';
import { Router } from 'express';
import { parseQuery } from '../http/validate.js';
import { recentEventNames } from './event-names.js';
import { seenFields } from './seen-fields.js';

/** What real data looks like, for the designer's suggestions: `GET /api/events/names` and `GET /api/fields`. */
export function suggestionRoutes(): Router {
  const router = Router();
  router.get('/events/names', async (req, res) => {
    const { prefix, limit } = parseQuery(eventNamesQuery, req.query);
    res.json({ names: await recentEventNames(prefix, limit) });
  });
  router.get('/fields', async (req, res) => {
    const { event } = parseQuery(fieldsQuery, req.query);
    res.json(await seenFields(event));
  });
  return router;
}
