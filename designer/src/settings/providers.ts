import type { Channel } from '@waymark/workflows';

/** What the engine sends back in place of a stored secret; sent back unchanged, it keeps the secret. */
export const MASKED_SECRET = '********';

/** Built-in providers per channel; 'sandbox' works for every channel and is what an absent channel uses. */
export const providersByChannel: Record<Channel, readonly string[]> = {
  email: ['smtp', 'sandbox'],
  sms: ['twilio', 'sandbox'],
  whatsapp: ['twilio', 'sandbox'],
  push: ['push', 'sandbox'],
  webhook: ['http', 'sandbox'],
};

/** Config keys each built-in provider reads, shown as rows even when empty. */
export const providerConfigKeys: Record<string, readonly string[]> = {
  smtp: ['smtpUrl'],
  twilio: ['accountSid', 'authToken', 'from', 'messagingServiceSid', 'whatsappFrom', 'statusCallbackUrl'],
  push: ['fcm', 'apns', 'webpush'],
};

const secretKeys = new Set(['smtpUrl', 'authToken']);
/** Push credentials are objects (service account, keys), edited as JSON. */
const objectKeys = new Set(['fcm', 'apns', 'webpush']);

export const isSecret = (key: string, value: unknown): boolean => secretKeys.has(key) || value === MASKED_SECRET;
export const isObjectValued = (key: string, value: unknown): boolean =>
  objectKeys.has(key) || (typeof value === 'object' && value !== null);

/** Rows of a provider's config editor: the provider's known keys first, then any others the config has. */
export const configKeys = (provider: string, config: Record<string, unknown> = {}): string[] => [
  ...new Set([...(providerConfigKeys[provider] ?? []), ...Object.keys(config)]),
];
