import express, { Router } from 'express';
import type { StoredEvent } from '../models/index.js';
import { requireWriteKey } from '../http/auth.js';
import { parseOr400 } from '../http/validate.js';
import { batchCall, deviceCall, identifyCall, trackCall } from './schemas.js';
import { registerDevice } from '../profiles/devices.js';
import { storeCalls, type IngestCall } from './store.js';

export interface IngestOptions {
  writeKey: string;
  /** Called with newly stored events once they are durable; routing happens from here on. */
  onStored: (events: StoredEvent[]) => void;
}

/** Segment-compatible ingestion: 32 KB per call and 500 KB per batch, as Segment's HTTP API allows. */
export function ingestRoutes({ writeKey, onStored }: IngestOptions): Router {
  const router = Router();
  router.use(requireWriteKey(writeKey));

  const accept = (limit: string, toCalls: (body: unknown) => IngestCall[]) => [
    express.json({ limit }),
    async (req: express.Request, res: express.Response) => {
      const calls = toCalls(req.body);
      const stored = await storeCalls(calls);
      onStored(stored);
      res.json({ success: true, stored: stored.length, duplicates: calls.length - stored.length });
    },
  ];

  router.post('/identify', ...accept('32kb', (body) => [{ type: 'identify', ...parseOr400(identifyCall, body) }]));
  router.post('/track', ...accept('32kb', (body) => [{ type: 'track', ...parseOr400(trackCall, body) }]));
  router.post('/batch', ...accept('500kb', (body) => parseOr400(batchCall, body).batch));
  router.post('/devices', express.json({ limit: '32kb' }), async (req, res) => {
    await registerDevice(parseOr400(deviceCall, req.body));
    res.json({ success: true });
  });
  return router;
}
