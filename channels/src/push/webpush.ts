import { Agent } from 'node:https';
import { rootCertificates } from 'node:tls';
import webpush from 'web-push';
import { createAddressGuard } from '../net/address-guard.js';
import { ProviderError } from '../types.js';
import { httpFailure, type DeviceSender, type PushNotification } from './device-sender.js';

export interface WebPushConfig {
  vapid: {
    /** `mailto:` or `https:` contact for push services. */
    subject: string;
    publicKey: string;
    privateKey: string;
  };
  /** Subscription endpoints come from browsers, i.e. from users: private addresses are refused unless allowed here. */
  allow?: string[];
  /** Extra CA certificates (PEM) to trust besides the system roots, for push services behind TLS inspection. */
  ca?: string;
  /** How long the push service keeps an undelivered message. Default one day. */
  ttlSeconds?: number;
  timeoutMs?: number;
}

interface Subscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** A device token of platform `webpush` is the browser's PushSubscription as JSON. */
function parseSubscription(token: string): Subscription {
  try {
    const parsed = JSON.parse(token) as Partial<Subscription>;
    if (
      typeof parsed.endpoint === 'string' &&
      new URL(parsed.endpoint).protocol === 'https:' &&
      typeof parsed.keys?.p256dh === 'string' &&
      typeof parsed.keys.auth === 'string'
    ) {
      return { endpoint: parsed.endpoint, keys: { p256dh: parsed.keys.p256dh, auth: parsed.keys.auth } };
    }
  } catch {
    // fall through: not a subscription
  }
  throw new ProviderError(
    'invalid_token',
    'Web Push: the token is not a PushSubscription with an https endpoint and keys',
  );
}

/**
 * Web Push (RFC 8030) with VAPID (RFC 8292), payload encrypted as aes128gcm (RFC 8291). The payload is
 * JSON `{ title, body, image?, url?, data? }` for the site's service worker to show.
 */
export function createWebPushSender(config: WebPushConfig): DeviceSender {
  const guard = createAddressGuard(config.allow);
  const agent = new Agent({
    lookup: guard.lookup,
    keepAlive: true,
    ...(config.ca ? { ca: [...rootCertificates, config.ca] } : {}),
  });
  const { subject, publicKey, privateKey } = config.vapid;
  return {
    platform: 'webpush',
    async send(token: string, notification: PushNotification) {
      const subscription = parseSubscription(token);
      guard.checkUrl(new URL(subscription.endpoint));
      const payload = JSON.stringify({
        title: notification.title,
        body: notification.body,
        ...(notification.imageUrl ? { image: notification.imageUrl } : {}),
        ...(notification.url ? { url: notification.url } : {}),
        ...(notification.data ? { data: notification.data } : {}),
      });
      try {
        const result = await webpush.sendNotification(subscription, payload, {
          vapidDetails: { subject, publicKey, privateKey },
          TTL: config.ttlSeconds ?? 86_400,
          contentEncoding: 'aes128gcm',
          agent,
          timeout: config.timeoutMs ?? 10_000,
        });
        // Push services name the created message resource in Location (RFC 8030 §5).
        return String(result.headers.location ?? result.headers.Location ?? subscription.endpoint);
      } catch (error) {
        if (error instanceof webpush.WebPushError) {
          // 404/410: the subscription expired or was unsubscribed (RFC 8030 §7.3).
          if (error.statusCode === 404 || error.statusCode === 410)
            throw new ProviderError('invalid_token', `Web Push ${error.statusCode}: subscription gone`);
          throw httpFailure('Web Push', error.statusCode, error.body || error.message);
        }
        if (error instanceof ProviderError) throw error;
        throw new ProviderError('unavailable', `Web Push: ${(error as Error).message}`, true);
      }
    },
    async verify() {
      // Throws on malformed VAPID keys or subject.
      webpush.getVapidHeaders('https://push.example', subject, publicKey, privateKey, 'aes128gcm');
    },
  };
}
