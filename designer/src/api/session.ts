import { fetchWithTimeout } from './client';
import type { DevSession } from './types';

const SESSION_TIMEOUT_MS = 8_000;

const TOKEN_KEY = 'waymark.adminToken';

/** Where the admin token lives between visits. */
export interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export type SessionState = { kind: 'ready'; token: string; temporalUiUrl: string } | { kind: 'login'; reason?: string };

const DEFAULT_TEMPORAL_UI = 'http://localhost:8233';

/**
 * The admin token: the dev session the engine hands out when it generated its own tokens
 * (`GET /api/session`, dev mode only), else the one stored at an earlier login, else ask for it.
 */
export async function resolveSession(storage: TokenStorage, doFetch: typeof fetch = globalThis.fetch.bind(globalThis), baseUrl = ''): Promise<SessionState> {
  const stored = storage.getItem(TOKEN_KEY);
  let dev: DevSession | undefined;
  try {
    const response = await fetchWithTimeout(doFetch, `${baseUrl}/api/session`, { headers: { accept: 'application/json' } }, SESSION_TIMEOUT_MS);
    if (response.ok) dev = (await response.json()) as DevSession;
  } catch {
    // No engine or no dev session: fall back to the stored token or the login form.
  }
  const temporalUiUrl = dev?.temporalUiUrl ?? DEFAULT_TEMPORAL_UI;
  if (dev?.adminToken) return { kind: 'ready', token: dev.adminToken, temporalUiUrl };
  if (stored) return { kind: 'ready', token: stored, temporalUiUrl };
  return { kind: 'login' };
}

export function rememberToken(storage: TokenStorage, token: string): void {
  storage.setItem(TOKEN_KEY, token);
}

/** After a 401/403 the stored token is wrong: forget it so the login form shows. */
export function forgetToken(storage: TokenStorage): void {
  storage.removeItem(TOKEN_KEY);
}
