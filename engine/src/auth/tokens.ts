import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** WAYMARK_ADMIN_TOKEN / WAYMARK_WRITE_KEY, else values generated once and kept in `<dataDir>/tokens.json`. */
export function loadTokens(dataDir: string, env: NodeJS.ProcessEnv = process.env): Tokens {
  const file = join(dataDir, 'tokens.json');
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<Tokens>) : {};
  const adminToken =
    env.WAYMARK_ADMIN_TOKEN || stored.adminToken || `wm_admin_${randomBytes(24).toString('base64url')}`;
  const writeKey = env.WAYMARK_WRITE_KEY || stored.writeKey || `wm_write_${randomBytes(24).toString('base64url')}`;
  const trackingSecret = env.WAYMARK_TRACKING_SECRET || stored.trackingSecret || randomBytes(32).toString('base64url');
  const generated = !env.WAYMARK_ADMIN_TOKEN || !env.WAYMARK_WRITE_KEY;
  if (stored.adminToken !== adminToken || stored.writeKey !== writeKey || stored.trackingSecret !== trackingSecret) {
    ensureDir(dataDir);
    writeFileSync(file, JSON.stringify({ adminToken, writeKey, trackingSecret }, null, 2) + '\n', { mode: 0o600 });
  }
  return { adminToken, writeKey, trackingSecret, generated, adminTokenGenerated: !env.WAYMARK_ADMIN_TOKEN };
}
