import { useEffect, useState } from 'react';
import type { HealthReport } from '@waymark/workflows/api';
import { fetchHealth } from '../api/health';

export type HealthState =
  { kind: 'loading' } | { kind: 'report'; report: HealthReport } | { kind: 'unreachable'; message: string };

/** Polls /health so the header shows when a dependency goes down or comes back (which one, once signed in). */
export function useHealth(token?: string, intervalMs = 10_000): HealthState {
  const [state, setState] = useState<HealthState>({ kind: 'loading' });
  useEffect(() => {
    let cancelled = false;
    const load = () =>
      fetchHealth(undefined, '', undefined, token)
        .then((report) => !cancelled && setState({ kind: 'report', report }))
        .catch((error: unknown) => !cancelled && setState({ kind: 'unreachable', message: (error as Error).message }));
    void load();
    const timer = setInterval(() => void load(), intervalMs);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [token, intervalMs]);
  return state;
}
