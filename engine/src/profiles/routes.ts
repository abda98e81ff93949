import type { Client } from '@temporalio/client';
import { Router } from 'express';
import { noQuery } from '../http/validate.js';
import { profileView } from './profile-view.js';

/** `GET /api/profiles/:userId`: where a user is, read live from each workflow. */
export function profileRoutes(client: Client): Router {
  const router = Router();
  router.get(
    '/profiles/:userId',
    noQuery,
    async (req, res) => void res.json(await profileView(client, req.params.userId)),
  );
  return router;
}
