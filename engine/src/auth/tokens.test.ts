import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTokens } from './tokens.js';

describe('loadTokens', () => {
  it('generates tokens once, keeps them under the data dir and returns the same ones next time', () => {
    const dir = mkdtempSync(join(tmpdir(), 'waymark-tokens-'));
    const first = loadTokens(dir, {});
    expect(first.adminToken).toMatch(/^wm_admin_[\w-]{32}$/);
    expect(first.writeKey).toMatch(/^wm_write_[\w-]{32}$/);
    expect(first.generated).toBe(true);
    expect(first.trackingSecret).toMatch(/^[\w-]{43}$/);
    expect(JSON.parse(readFileSync(join(dir, 'tokens.json'), 'utf8'))).toEqual({
      adminToken: first.adminToken,
      writeKey: first.writeKey,
      trackingSecret: first.trackingSecret,
    });
    expect(loadTokens(dir, {})).toEqual(first);
  });

  it('prefers the configured tokens', () => {
    const dir = mkdtempSync(join(tmpdir(), 'waymark-tokens-'));
    expect(loadTokens(dir, { adminToken: 'admin', writeKey: 'write', trackingSecret: 'sign' })).toEqual({
      adminToken: 'admin',
      writeKey: 'write',
      trackingSecret: 'sign',
      generated: false,
      adminTokenGenerated: false,
    });
  });
});
