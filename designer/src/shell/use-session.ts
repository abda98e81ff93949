import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ApiContextValue } from '../api/api-context';
import { createApiClient } from '../api/client';
import { forgetToken, rememberToken, resolveSession, type SessionState } from '../api/session';
import { createWaymarkApi } from '../api/waymark-api';

export type Session = { kind: 'resolving' } | SessionState;

/** Logs in (dev session or stored token), and back out to the form when the engine refuses the token. */
export function useSession(): { session: Session; api: ApiContextValue | undefined; login: (token: string) => void } {
  const [session, setSession] = useState<Session>({ kind: 'resolving' });
  useEffect(() => {
    void resolveSession(window.localStorage).then(setSession);
  }, []);

  const login = useCallback((token: string) => {
    rememberToken(window.localStorage, token);
    setSession((current) => ({
      kind: 'ready',
      token,
      ...('temporalUiUrl' in current && current.temporalUiUrl ? { temporalUiUrl: current.temporalUiUrl } : {}),
    }));
  }, []);

  const api = useMemo(() => {
    if (session.kind !== 'ready') return undefined;
    // An override for slow links (and for tests of a hanging engine); the default suits a local engine.
    const timeoutMs = Number(window.localStorage.getItem('waymark.requestTimeoutMs')) || undefined;
    const client = createApiClient({
      ...(timeoutMs ? { timeoutMs } : {}),
      token: () => session.token,
      onError: (error) => {
        if (error.status !== 401 && error.status !== 403) return;
        forgetToken(window.localStorage);
        setSession({
          kind: 'login',
          reason: error.message,
          ...(session.temporalUiUrl ? { temporalUiUrl: session.temporalUiUrl } : {}),
        });
      },
    });
    return {
      api: createWaymarkApi(client),
      ...(session.temporalUiUrl ? { temporalUiUrl: session.temporalUiUrl } : {}),
    };
  }, [session]);

  return { session, api, login };
}
