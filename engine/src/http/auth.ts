import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ApiError } from './errors.js';

/** A peer address on this machine (IPv4 127/8, IPv6 ::1, or IPv4 loopback mapped into IPv6). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || address === '::1';
}

/** True when the request carries the admin token as Bearer. */
export const hasAdminToken = (header: string | undefined, adminToken: string): boolean => {
  const given = header?.toLowerCase().startsWith('bearer ') ? credential(header) : undefined;
  return given !== undefined && sameSecret(given, adminToken);
};

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The credential of an Authorization header: Bearer token, or the Basic user (Segment sends the write key as user, empty password). */
function credential(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme, value] = header.split(' ', 2);
  if (!value) return undefined;
  if (scheme?.toLowerCase() === 'bearer') return value;
  if (scheme?.toLowerCase() === 'basic') return Buffer.from(value, 'base64').toString('utf8').split(':', 1)[0];
  return undefined;
}

function requireSecret(expected: string, what: string, basicAllowed: boolean): RequestHandler {
  return (req, _res, next) => {
    const header = req.headers.authorization;
    if (!basicAllowed && header?.toLowerCase().startsWith('basic ')) {
      return next(new ApiError(401, 'unauthorized', `Send the ${what} as "Authorization: Bearer <token>".`));
    }
    const given = credential(header);
    if (!given)
      return next(
        new ApiError(
          401,
          'unauthorized',
          `Missing ${what}: send "Authorization: Bearer <token>"${basicAllowed ? ' or HTTP Basic with it as the user' : ''}.`,
        ),
      );
    if (!sameSecret(given, expected)) return next(new ApiError(403, 'forbidden', `The ${what} is not valid.`));
    next();
  };
}

/**
 * Ingestion (/v1): the write key, as Bearer, as the HTTP Basic user, or (Segment's HTTP API) as
 * `writeKey` in the JSON body when there is no Authorization header. Mount after the body parser.
 */
export function requireWriteKey(writeKey: string): RequestHandler {
  const fromHeader = requireSecret(writeKey, 'write key', true);
  return (req, res, next) => {
    const inBody = (req.body as { writeKey?: unknown } | undefined)?.writeKey;
    if (req.headers.authorization || typeof inBody !== 'string') return fromHeader(req, res, next);
    next(sameSecret(inBody, writeKey) ? undefined : new ApiError(403, 'forbidden', 'The write key is not valid.'));
  };
}

/** Management (/api): the admin token as Bearer. */
export const requireAdminToken = (adminToken: string) => requireSecret(adminToken, 'admin token', false);

/** Prometheus scrapes (/metrics), when WAYMARK_METRICS_TOKEN is set: that token as Bearer. */
export const requireMetricsToken = (token: string) => requireSecret(token, 'metrics token', false);
