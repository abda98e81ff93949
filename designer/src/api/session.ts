import { fetchWithTimeout } from './client';
import type { SessionInfo } from '@waymark/workflows/api';

const SESSION_TIMEOUT_MS = 8_000;

const TOKEN_KEY = 'waymark.adminToken';

/** Where the admin token lives between visits. */
export interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Where the engine says the Temporal UI is (`WAYMARK_TEMPORAL_UI_URL`); unknown when the engine did not answer. */
type TemporalUi = Pick<SessionInfo, 'temporalUiUrl'>;

export type SessionState =
  ({ kind: 'ready'; token: string } & TemporalUi) | ({ kind: 'login'; reason?: string } & TemporalUi);

/**
 * The admin token: the one the engine hands out in dev mode, when it generated its own tokens
 * (`GET /api/session`), else the one stored at an earlier login, else ask for it. The same call
 * says where the Temporal UI is, in every mode.
 */
export async function resolveSession(
  storage: TokenStorage,
  doFetch: typeof fetch = globalThis.fetch.bind(globalThis),
  baseUrl = '',
): Promise<SessionState> {
  const stored = storage.getItem(TOKEN_KEY);
  let info: SessionInfo | undefined;
  try {
    const response = await fetchWithTimeout(
      doFetch,
      `${baseUrl}/api/session`,
      { headers: { accept: 'application/json' } },
      SESSION_TIMEOUT_MS,
    );
    if (response.ok) info = (await response.json()) as SessionInfo;
  } catch {
    // No engine: fall back to the stored token or the login form.
  }
  const temporalUi: TemporalUi = info?.temporalUiUrl ? { temporalUiUrl: info.temporalUiUrl } : {};
  if (info?.adminToken) return { kind: 'ready', token: info.adminToken, ...temporalUi };
  if (stored) return { kind: 'ready', token: stored, ...temporalUi };
  return { kind: 'login', ...temporalUi };
}

export function rememberToken(storage: TokenStorage, token: string): void {
  storage.setItem(TOKEN_KEY, token);
}

/** After a 401/403 the stored token is wrong: forget it so the login form shows. */
export function forgetToken(storage: TokenStorage): void {
  storage.removeItem(TOKEN_KEY);
}
