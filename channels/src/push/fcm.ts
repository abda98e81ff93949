import { importPKCS8, SignJWT } from 'jose';
import { ProviderError } from '../types.js';
import { httpFailure, type DeviceSender, type PushNotification } from './device-sender.js';

/** The fields of a Google service-account key file that FCM needs. */
export interface ServiceAccount {
  project_id: string;
  client_email: string;
  private_key: string;
  private_key_id?: string;
  /** OAuth token endpoint; default Google's. */
  token_uri?: string;
}

export interface FcmConfig {
  serviceAccount: ServiceAccount;
  /** FCM API base URL; default `https://fcm.googleapis.com`. */
  apiBaseUrl?: string;
  timeoutMs?: number;
}

const SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';
// FCM v1 error codes meaning the token will never work again (app uninstalled, other project).
const DEAD_TOKEN_CODES = new Set(['UNREGISTERED', 'SENDER_ID_MISMATCH']);

interface FcmErrorBody {
  error?: { code?: number; message?: string; status?: string; details?: { '@type'?: string; errorCode?: string }[] };
}

/** FCM HTTP v1 (Android, and iOS through FCM), authorised with the service account's OAuth2 JWT grant. */
export function createFcmSender(config: FcmConfig): DeviceSender {
  const account = config.serviceAccount;
  const tokenUri = account.token_uri ?? 'https://oauth2.googleapis.com/token';
  const sendUrl = `${(config.apiBaseUrl ?? 'https://fcm.googleapis.com').replace(/\/+$/, '')}/v1/projects/${account.project_id}/messages:send`;
  const timeout = () => AbortSignal.timeout(config.timeoutMs ?? 10_000);
  // One token for the whole process until shortly before it expires; concurrent sends share the request.
  let accessToken: Promise<{ token: string; expiresAt: number }> | undefined;

  async function fetchAccessToken() {
    const key = await importPKCS8(account.private_key, 'RS256');
    const assertion = await new SignJWT({ scope: SCOPE })
      .setProtectedHeader({
        alg: 'RS256',
        typ: 'JWT',
        ...(account.private_key_id ? { kid: account.private_key_id } : {}),
      })
      .setIssuer(account.client_email)
      .setAudience(tokenUri)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(key);
    const response = await fetch(tokenUri, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
      signal: timeout(),
    });
    const body = (await response.json().catch(() => ({}))) as {
      access_token?: string;
      expires_in?: number;
      error_description?: string;
      error?: string;
    };
    if (!response.ok || !body.access_token)
      throw httpFailure('FCM OAuth', response.status, body.error_description ?? body.error ?? 'no access token');
    return { token: body.access_token, expiresAt: Date.now() + ((body.expires_in ?? 3600) - 60) * 1000 };
  }

  async function authorization(): Promise<string> {
    const current = accessToken ? await accessToken.catch(() => undefined) : undefined;
    if (current && current.expiresAt > Date.now()) return `Bearer ${current.token}`;
    accessToken = fetchAccessToken();
    return `Bearer ${(await accessToken).token}`;
  }

  return {
    platform: 'fcm',
    async send(token: string, notification: PushNotification) {
      const data = { ...notification.data, ...(notification.url ? { url: notification.url } : {}) };
      const message = {
        token,
        notification: {
          title: notification.title,
          body: notification.body,
          ...(notification.imageUrl ? { image: notification.imageUrl } : {}),
        },
        ...(Object.keys(data).length > 0 ? { data } : {}),
        ...(notification.url?.startsWith('https://') ? { webpush: { fcm_options: { link: notification.url } } } : {}),
      };
      const response = await fetch(sendUrl, {
        method: 'POST',
        headers: { authorization: await authorization(), 'content-type': 'application/json' },
        body: JSON.stringify({ message }),
        signal: timeout(),
      });
      const body = (await response.json().catch(() => ({}))) as { name?: string } & FcmErrorBody;
      if (response.ok && body.name) return body.name;
      if (response.status === 401) accessToken = undefined;
      const codes = body.error?.details?.map((detail) => detail.errorCode) ?? [];
      const detail = body.error?.message ?? response.statusText;
      // INVALID_ARGUMENT also covers bad payloads; only a malformed registration token is the token's fault.
      if (
        codes.some((code) => code && DEAD_TOKEN_CODES.has(code)) ||
        (codes.includes('INVALID_ARGUMENT') && /registration token/i.test(detail))
      ) {
        throw new ProviderError('invalid_token', `FCM: ${detail}`);
      }
      throw httpFailure('FCM', response.status, detail);
    },
    async verify() {
      await authorization();
    },
  };
}
