import type twilio from 'twilio';
import {
  ProviderError,
  type Provider,
  type SendResult,
  type SmsMessage,
  type WebhookRequest,
  type WhatsappMessage,
} from '../types.js';
import { createTwilioClient, type TwilioConfig } from './twilio-client.js';
import { MESSAGE_PARAM, parseTwilioWebhook } from './twilio-webhook.js';
import { whatsappWindow } from './whatsapp-window.js';

type CreateParams = Parameters<twilio.Twilio['messages']['create']>[0];

/** The callback URL naming the outbox message (Twilio signs the URL with its query, so the name is trusted). */
function statusCallbackFor(url: string, messageId: string): string {
  const callback = new URL(url);
  callback.searchParams.set(MESSAGE_PARAM, messageId);
  return callback.toString();
}

/** One Twilio account serves both channels; only the sender and the message shape differ. */
function createTwilioProvider<M>(
  name: string,
  config: TwilioConfig,
  toParams: (message: M) => CreateParams,
): Provider<M> {
  const client = createTwilioClient(config);
  return {
    name,
    async send(message, context): Promise<SendResult> {
      const params = {
        ...toParams(message),
        ...(config.statusCallbackUrl
          ? { statusCallback: statusCallbackFor(config.statusCallbackUrl, context.messageId) }
          : {}),
      };
      try {
        const created = await client.messages.create(params);
        return { providerMessageId: created.sid, status: 'sent' };
      } catch (error) {
        const { status, code, message: text } = error as { status?: number; code?: number; message: string };
        if (status === undefined) throw error;
        // 429 and 5xx are Twilio being busy; anything else (bad number, auth) will not get better.
        const retryable = status === 429 || status >= 500;
        throw new ProviderError(
          retryable ? 'unavailable' : 'rejected',
          `Twilio ${status}${code ? ` (${code})` : ''}: ${text}`,
          retryable,
        );
      }
    },
    parseWebhook: (request: WebhookRequest) => parseTwilioWebhook(config.authToken, request),
    async verify() {
      await client.api.v2010.accounts(config.accountSid).fetch();
    },
  };
}

export function createTwilioSmsProvider(config: TwilioConfig): Provider<SmsMessage> {
  const sender = config.messagingServiceSid
    ? { messagingServiceSid: config.messagingServiceSid }
    : config.from
      ? { from: config.from }
      : undefined;
  if (!sender) throw new Error('Twilio SMS needs a sender: set `from` or `messagingServiceSid`');
  return createTwilioProvider<SmsMessage>('twilio-sms', config, (message) => ({
    ...sender,
    to: message.to,
    body: message.body,
  }));
}

export function createTwilioWhatsappProvider(config: TwilioConfig): Provider<WhatsappMessage> {
  const { whatsappFrom } = config;
  if (!whatsappFrom) throw new Error('Twilio WhatsApp needs a sender: set `whatsappFrom`');
  return createTwilioProvider<WhatsappMessage>('twilio-whatsapp', config, (message) => {
    const addresses = { from: `whatsapp:${whatsappFrom}`, to: `whatsapp:${message.to}` };
    if ('contentSid' in message)
      return { ...addresses, contentSid: message.contentSid, contentVariables: JSON.stringify(message.variables) };
    if (!whatsappWindow(message.lastInboundAt).open) {
      throw new ProviderError(
        'whatsapp_window_closed',
        'outside the 24-hour WhatsApp session window only approved templates (contentSid) may be sent',
      );
    }
    return { ...addresses, body: message.body };
  });
}
