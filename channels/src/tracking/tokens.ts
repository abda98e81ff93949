import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a signed link stands for; the engine's endpoints act on the verified claim only. */
export type TrackingClaim =
  | { kind: 'unsubscribe'; messageId: string }
  | { kind: 'open'; messageId: string }
  /** The target URL is inside the signature, so the redirect cannot be abused as an open redirect. */
  | { kind: 'click'; messageId: string; url: string };

const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');

/** `<base64url JSON>.<base64url HMAC-SHA256>`: URL-safe, no state to store. */
export function signToken(secret: string, claim: TrackingClaim): string {
  const payload = Buffer.from(JSON.stringify(claim)).toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

/** The claim of a token this secret signed, or `undefined` for anything else. */
export function verifyToken(secret: string, token: string): TrackingClaim | undefined {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TrackingClaim;
  } catch {
    return undefined;
  }
}

/** Paths of the engine's tracking endpoints, each followed by `/<token>`. */
export const TRACKING_PATHS = { unsubscribe: '/u', open: '/o', click: '/c' } as const;

export interface TrackingOptions {
  /** Public base URL of the engine, e.g. `https://waymark.example.com`. */
  baseUrl: string;
  secret: string;
}

/** The signed URL for a claim, under the engine's public base URL. */
export function trackingUrl({ baseUrl, secret }: TrackingOptions, claim: TrackingClaim): string {
  return `${baseUrl.replace(/\/+$/, '')}${TRACKING_PATHS[claim.kind]}/${signToken(secret, claim)}`;
}

/** A 1x1 transparent GIF for the open pixel endpoint to answer with. */
export const TRANSPARENT_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
