import { testSendBody } from '@waymark/workflows/api';
import express, { Router } from 'express';
import { noQuery, parseOr400 } from '../http/validate.js';
import type { SendDeps } from './send.js';
import { sendTestMessage } from './test-send.js';

/** `POST /api/journeys/:id/test-send`: the designer's test send of one message node, as edited. */
export function testSendRoutes(deps: SendDeps): Router {
  const router = Router();
  router.post('/journeys/:id/test-send', noQuery, express.json({ limit: '256kb' }), async (req, res) => {
    res.json(await sendTestMessage(deps, req.params.id, parseOr400(testSendBody, req.body)));
  });
  return router;
}
