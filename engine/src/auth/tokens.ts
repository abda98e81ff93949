import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { ensureDir } from '../services/paths.js';

export interface Tokens {
  /** Bearer token for the management API and the designer. */
  adminToken: string;
  /** Segment-style write key for /v1 ingestion. */
  writeKey: string;
  /** Signs unsubscribe, open and click links; must stay stable or sent links stop working. */
  trackingSecret: string;
  /** True when at least one token was generated rather than configured. */
  generated: boolean;
  /** True when the admin token was generated (no WAYMARK_ADMIN_TOKEN): only then may dev mode hand it out. */
  adminTokenGenerated: boolean;
}

/** The configured tokens (WAYMARK_ADMIN_TOKEN, ...), else values generated once and kept in `<dataDir>/tokens.json`. */
export function loadTokens(dataDir: string, given: Config['tokens']): Tokens {
  const file = join(dataDir, 'tokens.json');
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<Tokens>) : {};
  const adminToken = given.adminToken ?? stored.adminToken ?? `wm_admin_${randomBytes(24).toString('base64url')}`;
  const writeKey = given.writeKey ?? stored.writeKey ?? `wm_write_${randomBytes(24).toString('base64url')}`;
  const trackingSecret = given.trackingSecret ?? stored.trackingSecret ?? randomBytes(32).toString('base64url');
  const generated = !given.adminToken || !given.writeKey;
  if (stored.adminToken !== adminToken || stored.writeKey !== writeKey || stored.trackingSecret !== trackingSecret) {
    ensureDir(dataDir);
    writeFileSync(file, JSON.stringify({ adminToken, writeKey, trackingSecret }, null, 2) + '\n', { mode: 0o600 });
  }
  return { adminToken, writeKey, trackingSecret, generated, adminTokenGenerated: !given.adminToken };
}
