import express, { Router } from 'express';
import { noQuery } from '../http/validate.js';
import type { SettingsStore } from './settings-store.js';

/** `GET/PUT /api/settings` (docs/architecture.md#the-api), behind the admin token. */
export function settingsRoutes(store: SettingsStore): Router {
  const router = Router();
  router.use('/settings', express.json({ limit: '256kb' }));
  router.get('/settings', noQuery, async (_req, res) => void res.json(await store.view()));
  router.put('/settings', noQuery, async (req, res) => void res.json(await store.save(req.body)));
  return router;
}
