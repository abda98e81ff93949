import { createEmailProvider, type EmailProviderConfig } from './email/email-provider.js';
import { createApnsSender, type ApnsConfig } from './push/apns.js';
import type { DeviceSender } from './push/device-sender.js';
import { createFcmSender, type FcmConfig } from './push/fcm.js';
import { createPushProvider } from './push/push-provider.js';
import { createWebPushSender, type WebPushConfig } from './push/webpush.js';
import { createSandboxProvider } from './sandbox.js';
import type { TwilioConfig } from './sms/twilio-client.js';
import { createTwilioSmsProvider, createTwilioWhatsappProvider } from './sms/twilio-provider.js';
import type { Channel, ChannelProvider } from './types.js';
import { createWebhookProvider } from './webhook/webhook-provider.js';

export interface PushConfig {
  fcm?: FcmConfig;
  apns?: ApnsConfig;
  webpush?: WebPushConfig;
}

/** How a deployment picks and configures a channel's provider (`GET/PUT /api/settings`, env). */
export interface ChannelSetting {
  /** A registered provider name, or `sandbox`. */
  provider: string;
  config?: Record<string, unknown>;
}

export type ChannelSettings = Partial<Record<Channel, ChannelSetting>>;

/** A provider implementation a deployment can select by name for a channel. */
export interface ProviderDefinition<C extends Channel = Channel> {
  channel: C;
  name: string;
  /** Dotted paths of config values that are secrets: never returned by the API. */
  secrets: readonly string[];
  /** Throws when the config is unusable (missing keys), so bad settings fail when saved, not at send time. */
  create(config: Record<string, unknown>): ChannelProvider<C>;
}

export type ChannelProviders = { [C in Channel]: ChannelProvider<C> };

/** What the API returns in place of a secret; sending it back keeps the stored secret. */
export const REDACTED = '********';

const getPath = (object: Record<string, unknown>, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined),
      object,
    );

function withPath(
  object: Record<string, unknown>,
  [key, ...rest]: string[],
  replace: (value: unknown) => unknown,
): Record<string, unknown> {
  if (!key || !(key in object)) return object;
  const value = object[key];
  return {
    ...object,
    [key]:
      rest.length === 0
        ? replace(value)
        : value && typeof value === 'object'
          ? withPath(value as Record<string, unknown>, rest, replace)
          : value,
  };
}

function requireKeys<T>(config: object, keys: string[], what: string): T {
  const absent = keys.filter(
    (key) =>
      getPath(config as Record<string, unknown>, key) === undefined ||
      getPath(config as Record<string, unknown>, key) === '',
  );
  if (absent.length > 0) throw new Error(`${what} settings need ${absent.join(', ')}`);
  return config as T;
}

const TWILIO_SECRETS = ['authToken'];

export const builtInProviders: ProviderDefinition[] = [
  {
    channel: 'email',
    name: 'smtp',
    secrets: ['smtpUrl'],
    create: (config) => createEmailProvider(requireKeys<EmailProviderConfig>(config, ['smtpUrl'], 'SMTP')),
  },
  {
    channel: 'sms',
    name: 'twilio',
    secrets: TWILIO_SECRETS,
    create: (config) =>
      createTwilioSmsProvider(requireKeys<TwilioConfig>(config, ['accountSid', 'authToken'], 'Twilio')),
  },
  {
    channel: 'whatsapp',
    name: 'twilio',
    secrets: TWILIO_SECRETS,
    create: (config) =>
      createTwilioWhatsappProvider(requireKeys<TwilioConfig>(config, ['accountSid', 'authToken'], 'Twilio')),
  },
  {
    channel: 'push',
    name: 'push',
    secrets: ['fcm.serviceAccount.private_key', 'apns.privateKey', 'webpush.vapid.privateKey'],
    create(config) {
      const { fcm, apns, webpush } = config as PushConfig;
      const senders: DeviceSender[] = [
        ...(fcm
          ? [
              createFcmSender(
                requireKeys<FcmConfig>(
                  fcm,
                  ['serviceAccount.project_id', 'serviceAccount.client_email', 'serviceAccount.private_key'],
                  'FCM',
                ),
              ),
            ]
          : []),
        ...(apns
          ? [createApnsSender(requireKeys<ApnsConfig>(apns, ['keyId', 'teamId', 'privateKey', 'topic'], 'APNs'))]
          : []),
        ...(webpush
          ? [
              createWebPushSender(
                requireKeys<WebPushConfig>(
                  webpush,
                  ['vapid.subject', 'vapid.publicKey', 'vapid.privateKey'],
                  'Web Push',
                ),
              ),
            ]
          : []),
      ];
      if (senders.length === 0) throw new Error('push settings need at least one of fcm, apns, webpush');
      return createPushProvider(senders);
    },
  },
  { channel: 'webhook', name: 'http', secrets: [], create: (config) => createWebhookProvider(config) },
];

/**
 * Provider implementations by channel and name. Built-ins are registered; a deployment registers
 * its own (another ESP, an SMS aggregator) and selects them in settings by name.
 */
export class ProviderRegistry {
  private readonly definitions = new Map<string, ProviderDefinition>();

  constructor(definitions: ProviderDefinition[] = builtInProviders) {
    for (const definition of definitions) this.register(definition);
  }

  register<C extends Channel>(definition: ProviderDefinition<C>): this {
    this.definitions.set(`${definition.channel}:${definition.name}`, definition);
    return this;
  }

  private definition(channel: Channel, name: string): ProviderDefinition {
    const definition = this.definitions.get(`${channel}:${name}`);
    if (!definition) throw new Error(`no ${channel} provider named "${name}" is registered`);
    return definition;
  }

  /**
   * One provider per channel. A channel without settings runs in sandbox mode, except webhooks: they
   * have no credentials and go to the URL the journey names (through the SSRF guard).
   */
  create(settings: ChannelSettings): ChannelProviders {
    const build = <C extends Channel>(channel: C, fallback: ChannelSetting): ChannelProvider<C> => {
      const setting = settings[channel] ?? fallback;
      if (setting.provider === 'sandbox') return createSandboxProvider(channel);
      return this.definition(channel, setting.provider).create(setting.config ?? {}) as unknown as ChannelProvider<C>;
    };
    const sandbox = { provider: 'sandbox' };
    return {
      email: build('email', sandbox),
      sms: build('sms', sandbox),
      whatsapp: build('whatsapp', sandbox),
      push: build('push', sandbox),
      webhook: build('webhook', { provider: 'http' }),
    };
  }

  /** Settings as the API may show them: every secret replaced by {@link REDACTED}. */
  redact(settings: ChannelSettings): ChannelSettings {
    return this.mapSecrets(settings, () => REDACTED);
  }

  /** Settings received from the API with secrets still {@link REDACTED} take the stored values back. */
  restoreSecrets(incoming: ChannelSettings, stored: ChannelSettings): ChannelSettings {
    return this.mapSecrets(incoming, (value, channel, path) => {
      const previous = stored[channel];
      return value === REDACTED && previous?.provider === incoming[channel]?.provider && previous?.config
        ? getPath(previous.config, path)
        : value;
    });
  }

  private mapSecrets(
    settings: ChannelSettings,
    replace: (value: unknown, channel: Channel, path: string) => unknown,
  ): ChannelSettings {
    return Object.fromEntries(
      Object.entries(settings).map(([channel, setting]) => {
        if (!setting?.config || setting.provider === 'sandbox') return [channel, setting];
        const { secrets } = this.definition(channel as Channel, setting.provider);
        const config = secrets.reduce(
          (acc, path) => withPath(acc, path.split('.'), (value) => replace(value, channel as Channel, path)),
          setting.config,
        );
        return [channel, { ...setting, config }];
      }),
    );
  }
}
