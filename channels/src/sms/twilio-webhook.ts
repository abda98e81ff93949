import twilio from 'twilio';
import { ProviderError, type DeliveryStatus, type WebhookEvent, type WebhookRequest } from '../types.js';
import { detectOptOut } from './keywords.js';

// Twilio's MessageStatus values; `receiving`/`received` mark inbound messages, handled apart.
const STATUSES: Record<string, DeliveryStatus> = {
  accepted: 'queued',
  scheduled: 'queued',
  queued: 'queued',
  sending: 'queued',
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  undelivered: 'failed',
  failed: 'failed',
  canceled: 'failed',
};

const WHATSAPP = 'whatsapp:';

/** The status callback URL's query parameter naming the outbox message (twilio-provider.ts sets it). */
export const MESSAGE_PARAM = 'message';
const stripWhatsapp = (address: string) => (address.startsWith(WHATSAPP) ? address.slice(WHATSAPP.length) : address);

/**
 * Verifies Twilio's X-Twilio-Signature over the public URL and form fields, then turns a status
 * callback or an inbound message into a normalised event. Twilio sends no event time; `at` is arrival.
 */
export function parseTwilioWebhook(authToken: string, request: WebhookRequest, now: Date = new Date()): WebhookEvent[] {
  const signature = request.headers['x-twilio-signature'];
  const fields = Object.fromEntries(Object.entries(request.body).map(([key, value]) => [key, String(value)]));
  if (typeof signature !== 'string' || !twilio.validateRequest(authToken, signature, request.url, fields)) {
    throw new ProviderError('invalid_signature', 'the request does not carry a valid Twilio signature');
  }
  const sid = fields.MessageSid ?? fields.SmsSid;
  if (!sid) return [];
  const status = fields.MessageStatus ?? fields.SmsStatus;
  if (status === 'received' || status === 'receiving' || (status === undefined && fields.Body !== undefined)) {
    const body = fields.Body ?? '';
    // With Advanced Opt-Out Twilio classifies the keyword itself (its own list, any language it supports).
    const optOut = fields.OptOutType
      ? ({ STOP: 'stop', START: 'start' } as const)[fields.OptOutType as 'STOP' | 'START']
      : detectOptOut(body);
    const from = fields.From ?? '';
    return [
      {
        type: 'inbound',
        inbound: {
          channel: from.startsWith(WHATSAPP) ? 'whatsapp' : 'sms',
          providerMessageId: sid,
          from: stripWhatsapp(from),
          to: stripWhatsapp(fields.To ?? ''),
          body,
          at: now,
          ...(optOut ? { optOut } : {}),
        },
      },
    ];
  }
  const normalised = status ? STATUSES[status] : undefined;
  if (!normalised) return [];
  const messageId = new URL(request.url).searchParams.get(MESSAGE_PARAM);
  return [
    {
      type: 'status',
      update: {
        providerMessageId: sid,
        ...(messageId ? { messageId } : {}),
        status: normalised,
        at: now,
        ...(fields.ErrorCode
          ? { error: { code: fields.ErrorCode, ...(fields.ErrorMessage ? { message: fields.ErrorMessage } : {}) } }
          : {}),
      },
    },
  ];
}
