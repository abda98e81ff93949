import type { Channel } from '@waymark/workflows';

export type { Channel };

/** What every provider gets besides the message: keys that tie the send to the outbox. */
export interface SendContext {
  /** The outbox key (entry, node, visit); providers that support it pass it on for dedupe. */
  idempotencyKey: string;
  /** The outbox message id, used in tracking links and headers. */
  messageId: string;
  userId: string;
}

export interface SendResult {
  providerMessageId: string;
  /**
   * `delivered` when delivery is confirmed synchronously (sandbox), `sent` when the provider took
   * the message, `failed` when it refused it for good without an exception (e.g. every push token invalid).
   */
  status: 'sent' | 'delivered' | 'failed';
  /** Why a `failed` result failed. */
  error?: string;
}

/** A push device as stored on the profile. */
export interface Device {
  /** `fcm` (Android and iOS through FCM), `apns`, or `webpush` (token is the JSON subscription). */
  platform: 'fcm' | 'apns' | 'webpush';
  token: string;
}

/** Push results name the tokens the provider reported invalid, so the engine can prune them. */
export interface PushSendResult extends SendResult {
  invalidTokens: Device[];
}

/** A rendered email, ready to send. */
export interface EmailMessage {
  to: string;
  from: string;
  subject: string;
  html?: string;
  text?: string;
  replyTo?: string;
  /** Signed one-click unsubscribe URL; becomes List-Unsubscribe (RFC 2369) with List-Unsubscribe-Post (RFC 8058). */
  unsubscribeUrl?: string;
}

export interface SmsMessage {
  /** E.164 phone number. */
  to: string;
  body: string;
}

/**
 * A WhatsApp message: free text inside the 24-hour session window that the user's last inbound
 * message opened, or an approved template (Twilio Content API) at any time.
 */
export type WhatsappMessage =
  | { to: string; body: string; lastInboundAt: Date | undefined }
  | { to: string; contentSid: string; variables: Record<string, string> };

export interface PushMessage {
  devices: Device[];
  title: string;
  body: string;
  imageUrl?: string;
  /** Opened on tap (deep link or web URL). */
  url?: string;
  data?: Record<string, string>;
}

export interface WebhookMessage {
  url: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: string;
}

/** The rendered message each channel's provider takes. */
export interface ChannelMessages {
  email: EmailMessage;
  sms: SmsMessage;
  whatsapp: WhatsappMessage;
  push: PushMessage;
  webhook: WebhookMessage;
}

export type ResultOf<C extends Channel> = C extends 'push' ? PushSendResult : SendResult;

/** An HTTP request as a provider callback arrives at the engine (body already parsed). */
export interface WebhookRequest {
  /** The full public URL the provider called (signatures cover it). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** Form or JSON fields. */
  body: Record<string, unknown>;
}

/** Delivery status as the outbox records it, whatever the provider calls it. */
export type DeliveryStatus = 'queued' | 'sent' | 'delivered' | 'read' | 'failed';

/** A provider callback about one message, normalised. */
export interface DeliveryUpdate {
  providerMessageId: string;
  /**
   * The outbox message id when the callback names it (Twilio's status callback URL carries it): a
   * callback that comes before the send call has returned the provider's id still finds its message.
   */
  messageId?: string;
  status: DeliveryStatus;
  at: Date;
  error?: { code: string; message?: string };
}

/** A message a user sent us (SMS / WhatsApp reply). */
export interface InboundMessage {
  channel: 'sms' | 'whatsapp';
  providerMessageId: string;
  /** The user's address, without the `whatsapp:` prefix. */
  from: string;
  to: string;
  body: string;
  at: Date;
  /** `stop` unsubscribes the user from this channel, `start` subscribes again. */
  optOut?: 'stop' | 'start';
}

export type WebhookEvent = { type: 'status'; update: DeliveryUpdate } | { type: 'inbound'; inbound: InboundMessage };

/** A channel provider (docs/architecture.md#channels-and-providers). `M` is the rendered message the channel takes. */
export interface Provider<M, R extends SendResult = SendResult> {
  readonly name: string;
  /**
   * True when sending again under the same `idempotencyKey` cannot deliver twice (the provider or
   * its receiver dedupes by it, or nothing leaves the machine): a call that may or may not have
   * happened is then retried. Otherwise the engine marks such a message `unknown`.
   */
  readonly idempotent?: boolean;
  send(message: M, context: SendContext): Promise<R>;
  /**
   * Turns a provider callback into normalised events; throws {@link ProviderError} `invalid_signature`
   * when the request is not from the provider.
   */
  parseWebhook?(request: WebhookRequest): WebhookEvent[];
  /** Checks configuration and reachability without sending. */
  verify(): Promise<void>;
  /**
   * Lets go of held connections (the SMTP pool): idle ones close at once, busy ones after their send;
   * sends still waiting for a connection fail. Called when the provider will send no more.
   */
  close?(): void;
}

export type ChannelProvider<C extends Channel> = Provider<ChannelMessages[C], ResultOf<C>>;

export type ProviderErrorCode =
  'invalid_signature' | 'invalid_token' | 'whatsapp_window_closed' | 'blocked_address' | 'rejected' | 'unavailable';

/** A provider failure the engine can act on by its code rather than its message. */
export class ProviderError extends Error {
  constructor(
    readonly code: ProviderErrorCode,
    message: string,
    /** Whether trying again later may succeed (5xx, timeouts, rate limits). */
    readonly retryable = false,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}
