import { ProviderError, type ChannelProviders } from '@waymark/channels';
import express, { Router } from 'express';
import { ApiError } from '../http/errors.js';
import type { StoredEvent } from '../models/index.js';
import { onInbound, onStatus } from './twilio-events.js';

export interface TwilioRoutesOptions {
  /** The engine's public base URL: Twilio signs the URL it called, which is this plus the path. */
  publicUrl: string;
  providers: () => Promise<ChannelProviders>;
  onStored: (events: StoredEvent[]) => void;
}

/**
 * `POST /webhooks/twilio`: Twilio's status callbacks and inbound messages (SMS and WhatsApp),
 * signature-verified. Deliveries, reads and failures update the outbox and become
 * `message_delivered` / `message_read` / `message_failed` events; STOP and START change the
 * channel's consent; an inbound WhatsApp message opens the 24-hour session window.
 */
export function twilioRoutes({ publicUrl, providers, onStored }: TwilioRoutesOptions): Router {
  const router = Router();
  router.post('/twilio', express.urlencoded({ extended: false, limit: '64kb' }), async (req, res) => {
    const all = await providers();
    const twilio = all.sms.parseWebhook ? all.sms : all.whatsapp;
    if (!twilio.parseWebhook)
      throw new ApiError(404, 'not_configured', 'Twilio is not configured for SMS or WhatsApp.');
    let events;
    try {
      events = twilio.parseWebhook({
        url: publicUrl.replace(/\/$/, '') + req.originalUrl,
        headers: req.headers,
        body: req.body as Record<string, unknown>,
      });
    } catch (error) {
      if (error instanceof ProviderError && error.code === 'invalid_signature')
        throw new ApiError(403, 'invalid_signature', 'The request does not carry a valid Twilio signature.');
      throw error;
    }
    for (const event of events)
      onStored(event.type === 'status' ? await onStatus(event.update) : await onInbound(event.inbound));
    res.type('text/xml').send('<Response/>');
  });
  return router;
}
