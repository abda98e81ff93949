import { messagesQuery } from '@waymark/workflows/api';
import { Router } from 'express';
import { parseQuery } from '../http/validate.js';
import { listOutbox } from './outbox-view.js';

/** `GET /api/messages`: the outbox, filtered by userId, journeyId, status or channel. */
export function outboxRoutes(): Router {
  const router = Router();
  router.get('/messages', async (req, res) => {
    const { limit, ...filter } = parseQuery(messagesQuery, req.query);
    res.json(await listOutbox(filter, limit));
  });
  return router;
}
