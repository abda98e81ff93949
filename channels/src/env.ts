import { readFileSync } from 'node:fs';
import type { ChannelSettings, PushConfig } from './registry.js';
import type { ServiceAccount } from './push/fcm.js';

type Env = Record<string, string | undefined>;

/** Secrets may be given inline or as a path to a file (key files, mounted secrets). */
const inlineOrFile = (value: string, inlineStart: string) =>
  value.trimStart().startsWith(inlineStart) ? value : readFileSync(value, 'utf8');
const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((entry) => entry.trim())
    .filter(Boolean) ?? [];

/**
 * Channel settings from the environment, for deployments configured without the settings API.
 * A channel whose variables are absent is left out, i.e. runs in sandbox mode.
 *
 * - email: `SMTP_URL`
 * - sms / whatsapp: `TWILIO_ACCOUNT_SID`, `TWILIO_AUTH_TOKEN`, and `TWILIO_FROM` or `TWILIO_MESSAGING_SERVICE_SID` (sms),
 *   `TWILIO_WHATSAPP_FROM` (whatsapp); optional `TWILIO_STATUS_CALLBACK_URL`, `TWILIO_API_BASE_URL`
 * - push: `FCM_SERVICE_ACCOUNT` (key JSON or its path), optional `FCM_API_BASE_URL`;
 *   `APNS_KEY_ID`, `APNS_TEAM_ID`, `APNS_PRIVATE_KEY` (.p8 PEM or its path), `APNS_TOPIC`, optional `APNS_BASE_URL`;
 *   `VAPID_PUBLIC_KEY`, `VAPID_PRIVATE_KEY`, `VAPID_SUBJECT`
 * - webhook: optional `WEBHOOK_ALLOW` (comma-separated hosts, IPs, CIDRs), `WEBHOOK_ALLOW_HTTP=true`, `WEBHOOK_TIMEOUT_MS`, `WEBHOOK_RETRIES`
 */
export function channelSettingsFromEnv(env: Env = process.env): ChannelSettings {
  const settings: ChannelSettings = {};
  if (env.SMTP_URL) settings.email = { provider: 'smtp', config: { smtpUrl: env.SMTP_URL } };

  if (env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN) {
    const account = {
      accountSid: env.TWILIO_ACCOUNT_SID,
      authToken: env.TWILIO_AUTH_TOKEN,
      ...(env.TWILIO_STATUS_CALLBACK_URL ? { statusCallbackUrl: env.TWILIO_STATUS_CALLBACK_URL } : {}),
      ...(env.TWILIO_API_BASE_URL ? { apiBaseUrl: env.TWILIO_API_BASE_URL } : {}),
    };
    if (env.TWILIO_FROM || env.TWILIO_MESSAGING_SERVICE_SID) {
      settings.sms = {
        provider: 'twilio',
        config: {
          ...account,
          ...(env.TWILIO_FROM ? { from: env.TWILIO_FROM } : {}),
          ...(env.TWILIO_MESSAGING_SERVICE_SID ? { messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID } : {}),
        },
      };
    }
    if (env.TWILIO_WHATSAPP_FROM)
      settings.whatsapp = { provider: 'twilio', config: { ...account, whatsappFrom: env.TWILIO_WHATSAPP_FROM } };
  }

  const push: PushConfig = {};
  if (env.FCM_SERVICE_ACCOUNT) {
    push.fcm = {
      serviceAccount: JSON.parse(inlineOrFile(env.FCM_SERVICE_ACCOUNT, '{')) as ServiceAccount,
      ...(env.FCM_API_BASE_URL ? { apiBaseUrl: env.FCM_API_BASE_URL } : {}),
    };
  }
  if (env.APNS_KEY_ID && env.APNS_TEAM_ID && env.APNS_PRIVATE_KEY && env.APNS_TOPIC) {
    push.apns = {
      keyId: env.APNS_KEY_ID,
      teamId: env.APNS_TEAM_ID,
      privateKey: inlineOrFile(env.APNS_PRIVATE_KEY, '-----BEGIN'),
      topic: env.APNS_TOPIC,
      ...(env.APNS_BASE_URL ? { baseUrl: env.APNS_BASE_URL } : {}),
    };
  }
  if (env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY && env.VAPID_SUBJECT) {
    push.webpush = {
      vapid: { subject: env.VAPID_SUBJECT, publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY },
    };
  }
  if (Object.keys(push).length > 0) settings.push = { provider: 'push', config: { ...push } };

  settings.webhook = {
    provider: 'http',
    config: {
      allow: list(env.WEBHOOK_ALLOW),
      allowHttp: env.WEBHOOK_ALLOW_HTTP === 'true',
      ...(env.WEBHOOK_TIMEOUT_MS ? { timeoutMs: Number(env.WEBHOOK_TIMEOUT_MS) } : {}),
      ...(env.WEBHOOK_RETRIES ? { retries: Number(env.WEBHOOK_RETRIES) } : {}),
    },
  };
  return settings;
}
