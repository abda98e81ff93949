import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import webpush from 'web-push';
import { describe, expect, it } from 'vitest';
import { channelSettingsFromEnv } from './env.js';
import { ProviderRegistry, REDACTED, type ChannelSettings } from './registry.js';
import type { SmsMessage } from './types.js';

const context = { idempotencyKey: 'k', messageId: 'm1', userId: 'ann' };
const twilio = { accountSid: `AC${'1'.repeat(32)}`, authToken: 'tw-secret', from: '+15005550006' };
const privateKey = generateKeyPairSync('ec', {
  namedCurve: 'P-256',
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
}).privateKey;

describe('provider registry', () => {
  it('runs channels without settings in sandbox mode, webhooks for real', async () => {
    const providers = new ProviderRegistry().create({});
    for (const channel of ['email', 'sms', 'whatsapp'] as const) {
      expect(providers[channel].name).toBe('sandbox');
    }
    expect(await providers.sms.send({ to: '+821012345678', body: 'x' }, context)).toEqual({
      providerMessageId: 'sandbox-sms-m1',
      status: 'delivered',
    });
    expect(await providers.push.send({ devices: [], title: 't', body: 'b' }, context)).toEqual({
      providerMessageId: 'sandbox-push-m1',
      status: 'delivered',
      invalidTokens: [],
    });
    expect(providers.webhook.name).toBe('webhook');
    expect(new ProviderRegistry().create({ webhook: { provider: 'sandbox' } }).webhook.name).toBe('sandbox');
  });

  it('builds configured providers and refuses incomplete settings', () => {
    const providers = new ProviderRegistry().create({
      email: { provider: 'smtp', config: { smtpUrl: 'smtp://127.0.0.1:2525' } },
      sms: { provider: 'twilio', config: twilio },
    });
    expect([providers.email.name, providers.sms.name]).toEqual(['smtp', 'twilio-sms']);
    expect(() =>
      new ProviderRegistry().create({ sms: { provider: 'twilio', config: { accountSid: twilio.accountSid } } }),
    ).toThrow('Twilio settings need authToken');
    expect(() =>
      new ProviderRegistry().create({ push: { provider: 'push', config: { apns: { keyId: 'K' } } } }),
    ).toThrow('APNs settings need teamId, privateKey, topic');
    expect(() => new ProviderRegistry().create({ sms: { provider: 'nexmo' } })).toThrow(
      'no sms provider named "nexmo"',
    );
  });

  it('takes providers a deployment registers', async () => {
    const registry = new ProviderRegistry().register({
      channel: 'sms',
      name: 'acme',
      secrets: ['apiKey'],
      create: (config) => ({
        name: 'acme',
        send: async (message: SmsMessage) => ({
          providerMessageId: `acme:${String(config.apiKey).length}:${message.to}`,
          status: 'sent',
        }),
        verify: async () => {},
      }),
    });
    const settings: ChannelSettings = { sms: { provider: 'acme', config: { apiKey: 'abcd', region: 'kr' } } };
    expect(await registry.create(settings).sms.send({ to: '+8210', body: 'x' }, context)).toEqual({
      providerMessageId: 'acme:4:+8210',
      status: 'sent',
    });
    expect(registry.redact(settings)).toEqual({
      sms: { provider: 'acme', config: { apiKey: REDACTED, region: 'kr' } },
    });
  });

  it('redacts secrets, nested ones included, and restores them when sent back unchanged', () => {
    const registry = new ProviderRegistry();
    const stored: ChannelSettings = {
      sms: { provider: 'twilio', config: twilio },
      push: {
        provider: 'push',
        config: {
          apns: { keyId: 'K', teamId: 'T', privateKey, topic: 'com.example' },
          webpush: { vapid: { subject: 'mailto:a@b.c', publicKey: 'pub', privateKey: 'vapid-secret' } },
        },
      },
    };
    const shown = registry.redact(stored);
    expect(JSON.stringify(shown)).not.toMatch(/tw-secret|vapid-secret|PRIVATE KEY/);
    expect(shown.sms?.config).toEqual({ ...twilio, authToken: REDACTED });
    expect(shown.push?.config).toMatchObject({
      apns: { keyId: 'K', privateKey: REDACTED },
      webpush: { vapid: { publicKey: 'pub', privateKey: REDACTED } },
    });

    const edited: ChannelSettings = {
      ...shown,
      sms: { provider: 'twilio', config: { ...shown.sms!.config, from: '+15005550007' } },
    };
    expect(registry.restoreSecrets(edited, stored)).toEqual({
      ...stored,
      sms: { provider: 'twilio', config: { ...twilio, from: '+15005550007' } },
    });
    const replaced: ChannelSettings = { sms: { provider: 'twilio', config: { ...twilio, authToken: 'new-token' } } };
    expect(registry.restoreSecrets(replaced, stored).sms?.config?.authToken).toBe('new-token');
  });
});

describe('channel settings from the environment', () => {
  it('configures only what the environment provides', () => {
    expect(channelSettingsFromEnv({})).toEqual({
      webhook: { provider: 'http', config: { allow: [], allowHttp: false } },
    });
  });

  it('reads every channel, key files included, into settings the registry accepts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'waymark-env-'));
    const serviceAccount = {
      project_id: 'shop',
      client_email: 'push@shop.iam.gserviceaccount.com',
      private_key: privateKey,
    };
    writeFileSync(join(dir, 'fcm.json'), JSON.stringify(serviceAccount));
    const vapid = webpush.generateVAPIDKeys();
    const settings = channelSettingsFromEnv({
      SMTP_URL: 'smtp://user:pass@mail.example.com:587',
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_MESSAGING_SERVICE_SID: `MG${'2'.repeat(32)}`,
      TWILIO_WHATSAPP_FROM: '+14155238886',
      TWILIO_STATUS_CALLBACK_URL: 'https://w.example.com/webhooks/twilio',
      FCM_SERVICE_ACCOUNT: join(dir, 'fcm.json'),
      APNS_KEY_ID: 'K',
      APNS_TEAM_ID: 'T',
      APNS_PRIVATE_KEY: privateKey,
      APNS_TOPIC: 'com.example.shop',
      VAPID_PUBLIC_KEY: vapid.publicKey,
      VAPID_PRIVATE_KEY: vapid.privateKey,
      VAPID_SUBJECT: 'mailto:push@example.com',
      WEBHOOK_ALLOW: 'crm.internal, 10.0.0.0/8',
      WEBHOOK_TIMEOUT_MS: '5000',
    });
    expect(settings.sms).toEqual({
      provider: 'twilio',
      config: {
        accountSid: twilio.accountSid,
        authToken: 'tw-secret',
        statusCallbackUrl: 'https://w.example.com/webhooks/twilio',
        messagingServiceSid: `MG${'2'.repeat(32)}`,
      },
    });
    expect(settings.whatsapp?.config).toMatchObject({ whatsappFrom: '+14155238886' });
    expect(settings.push?.config).toMatchObject({
      fcm: { serviceAccount },
      apns: { privateKey, topic: 'com.example.shop' },
      webpush: { vapid: { subject: 'mailto:push@example.com' } },
    });
    expect(settings.webhook?.config).toEqual({
      allow: ['crm.internal', '10.0.0.0/8'],
      allowHttp: false,
      timeoutMs: 5000,
    });
    const providers = new ProviderRegistry().create(settings);
    expect(
      Object.fromEntries(Object.entries(providers).map(([channel, provider]) => [channel, provider.name])),
    ).toEqual({
      email: 'smtp',
      sms: 'twilio-sms',
      whatsapp: 'twilio-whatsapp',
      push: 'push(fcm,apns,webpush)',
      webhook: 'webhook',
    });
  });
});
