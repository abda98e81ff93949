import { TRANSPARENT_GIF, verifyToken, type TrackingClaim } from '@waymark/channels';
import express, { Router } from 'express';
import type { StoredEvent } from '../models/index.js';
import { recordEngagement, unsubscribe } from './engagement.js';
import { ApiError } from '../http/errors.js';

export interface TrackingRoutesOptions {
  secret: string;
  /** Engagement events are stored like ingested ones and routed to the user's journeys. */
  onStored: (events: StoredEvent[]) => void;
}

/**
 * The signed links emails carry: open pixel (/o), click redirect (/c) and unsubscribe (/u, with
 * RFC 8058 one-click POST). Opens and clicks update the outbox and become `message_opened` /
 * `message_clicked` events of the user, so journeys can wait for or branch on them.
 */
export function trackingRoutes({ secret, onStored }: TrackingRoutesOptions): Router {
  const router = Router();
  const claimOf = <K extends TrackingClaim['kind']>(token: string, kind: K) => {
    const claim = verifyToken(secret, token);
    if (claim?.kind !== kind) throw new ApiError(404, 'not_found', 'This link is not valid.');
    return claim as Extract<TrackingClaim, { kind: K }>;
  };

  const engage = async (messageId: string, status: 'opened' | 'clicked', properties: Record<string, unknown> = {}) =>
    onStored(await recordEngagement({ _id: messageId }, status, properties));

  router.get('/o/:token', async (req, res) => {
    await engage(claimOf(req.params.token, 'open').messageId, 'opened');
    res.set('cache-control', 'no-store').type('image/gif').send(TRANSPARENT_GIF);
  });

  router.get('/c/:token', async (req, res) => {
    const claim = claimOf(req.params.token, 'click');
    await engage(claim.messageId, 'clicked', { url: claim.url });
    res.redirect(302, claim.url);
  });

  router.get('/u/:token', (req, res) => {
    claimOf(req.params.token, 'unsubscribe');
    res
      .type('html')
      .send(
        `<!doctype html><title>Unsubscribe</title><form method="post"><p>Stop receiving these emails?</p><button type="submit">Unsubscribe</button></form>`,
      );
  });

  // RFC 8058: mail clients POST `List-Unsubscribe=One-Click` here; the page's form posts too.
  router.post('/u/:token', express.urlencoded({ extended: false, limit: '1kb' }), async (req, res) => {
    onStored(await unsubscribe(claimOf(req.params.token, 'unsubscribe').messageId));
    res.type('html').send('<!doctype html><title>Unsubscribed</title><p>You are unsubscribed.</p>');
  });

  return router;
}
