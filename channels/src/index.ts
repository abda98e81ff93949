// Message providers for every channel, the registry that picks them, and the pure helpers the
// engine's endpoints need (signed tracking links, Twilio callbacks, STOP, the WhatsApp window).
export * from './types.js';
export { createEmailProvider, type EmailProviderConfig } from './email/email-provider.js';
export { createTwilioSmsProvider, createTwilioWhatsappProvider } from './sms/twilio-provider.js';
export type { TwilioConfig } from './sms/twilio-client.js';
export { parseTwilioWebhook } from './sms/twilio-webhook.js';
export { detectOptOut } from './sms/keywords.js';
export { whatsappWindow, WHATSAPP_SESSION_MS } from './sms/whatsapp-window.js';
export { createPushProvider } from './push/push-provider.js';
export type { DeviceSender, PushNotification } from './push/device-sender.js';
export { createFcmSender, type FcmConfig, type ServiceAccount } from './push/fcm.js';
export { createApnsSender, type ApnsConfig } from './push/apns.js';
export { createWebPushSender, type WebPushConfig } from './push/webpush.js';
export { createWebhookProvider, type WebhookConfig } from './webhook/webhook-provider.js';
export { createAddressGuard, type AddressGuard } from './net/address-guard.js';
export { createSandboxProvider } from './sandbox.js';
export {
  signToken,
  verifyToken,
  trackingUrl,
  TRACKING_PATHS,
  TRANSPARENT_GIF,
  type TrackingClaim,
  type TrackingOptions,
} from './tracking/tokens.js';
export { addTracking } from './tracking/links.js';
export { prepareMessage, type ChannelTemplates, type PrepareOptions, type Prepared } from './render/prepare.js';
export {
  ProviderRegistry,
  builtInProviders,
  REDACTED,
  type ChannelProviders,
  type ChannelSetting,
  type ChannelSettings,
  type ProviderDefinition,
  type PushConfig,
} from './registry.js';
export { channelSettingsFromEnv } from './env.js';
