import { connect, constants, type ClientHttp2Session } from 'node:http2';
import { importPKCS8, SignJWT } from 'jose';
import { ProviderError } from '../types.js';
import { httpFailure, type DeviceSender, type PushNotification } from './device-sender.js';

export interface ApnsConfig {
  /** Key ID of the .p8 auth key. */
  keyId: string;
  teamId: string;
  /** The .p8 auth key (PKCS#8 PEM). */
  privateKey: string;
  /** The app's bundle id. */
  topic: string;
  /** `https://api.push.apple.com` (default) or `https://api.sandbox.push.apple.com` for development builds. */
  baseUrl?: string;
  timeoutMs?: number;
}

// APNs reasons meaning the token will never work again for this app.
const DEAD_TOKEN_REASONS = new Set(['BadDeviceToken', 'Unregistered', 'DeviceTokenNotForTopic']);
// Apple refuses tokens older than an hour and throttles refreshes more often than every 20 minutes.
const PROVIDER_TOKEN_TTL_MS = 40 * 60 * 1000;

interface Http2Response {
  status: number;
  apnsId: string | undefined;
  body: string;
}

/** APNs over HTTP/2 with token (ES256 JWT) authentication; one connection reused across sends. */
export function createApnsSender(config: ApnsConfig): DeviceSender {
  const baseUrl = config.baseUrl ?? 'https://api.push.apple.com';
  let session: ClientHttp2Session | undefined;
  let pending = 0;
  let providerToken: { jwt: string; issuedAt: number } | undefined;

  async function bearer(): Promise<string> {
    if (!providerToken || Date.now() - providerToken.issuedAt > PROVIDER_TOKEN_TTL_MS) {
      const key = await importPKCS8(config.privateKey, 'ES256');
      const jwt = await new SignJWT({})
        .setProtectedHeader({ alg: 'ES256', kid: config.keyId })
        .setIssuer(config.teamId)
        .setIssuedAt()
        .sign(key);
      providerToken = { jwt, issuedAt: Date.now() };
    }
    return `bearer ${providerToken.jwt}`;
  }

  function open(): ClientHttp2Session {
    if (session && !session.closed && !session.destroyed) return session;
    const fresh = connect(baseUrl);
    // Errors surface on the request streams; a broken session is replaced on the next send.
    fresh.on('error', () => fresh.destroy());
    fresh.on('close', () => {
      if (session === fresh) session = undefined;
    });
    session = fresh;
    return fresh;
  }

  function post(path: string, headers: Record<string, string>, body: string): Promise<Http2Response> {
    const current = open();
    // The idle connection must not keep the process alive; in-flight requests do.
    if (pending++ === 0) current.ref();
    return new Promise<Http2Response>((resolve, reject) => {
      const stream = current.request(
        { [constants.HTTP2_HEADER_METHOD]: 'POST', [constants.HTTP2_HEADER_PATH]: path, ...headers },
        { endStream: false },
      );
      stream.setTimeout(config.timeoutMs ?? 10_000, () => stream.close(constants.NGHTTP2_CANCEL));
      let status = 0;
      let apnsId: string | undefined;
      const chunks: Buffer[] = [];
      stream.on('response', (responseHeaders) => {
        status = Number(responseHeaders[constants.HTTP2_HEADER_STATUS]);
        apnsId = responseHeaders['apns-id'] as string | undefined;
      });
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => resolve({ status, apnsId, body: Buffer.concat(chunks).toString() }));
      stream.on('close', () => {
        if (!status)
          reject(
            new ProviderError('unavailable', `APNs: stream closed without a response (code ${stream.rstCode})`, true),
          );
      });
      stream.on('error', (error: Error) => reject(new ProviderError('unavailable', `APNs: ${error.message}`, true)));
      stream.end(body);
    }).finally(() => {
      if (--pending === 0 && !current.destroyed) current.unref();
    });
  }

  return {
    platform: 'apns',
    async send(token: string, notification: PushNotification) {
      const payload = {
        aps: {
          alert: { title: notification.title, body: notification.body },
          sound: 'default',
          // Lets a notification service extension download the image.
          ...(notification.imageUrl ? { 'mutable-content': 1 } : {}),
        },
        ...notification.data,
        ...(notification.url ? { url: notification.url } : {}),
        ...(notification.imageUrl ? { imageUrl: notification.imageUrl } : {}),
      };
      const response = await post(
        `/3/device/${encodeURIComponent(token)}`,
        {
          authorization: await bearer(),
          'apns-topic': config.topic,
          'apns-push-type': 'alert',
          'apns-priority': '10',
          'content-type': 'application/json',
        },
        JSON.stringify(payload),
      );
      if (response.status === 200) return response.apnsId ?? '';
      const reason = ((): string => {
        try {
          return (JSON.parse(response.body) as { reason?: string }).reason ?? response.body;
        } catch {
          return response.body;
        }
      })();
      if (DEAD_TOKEN_REASONS.has(reason)) throw new ProviderError('invalid_token', `APNs: ${reason}`);
      if (reason === 'ExpiredProviderToken') providerToken = undefined;
      throw httpFailure('APNs', response.status, reason);
    },
    async verify() {
      await bearer();
    },
  };
}
