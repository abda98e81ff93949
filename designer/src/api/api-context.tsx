import { createContext, useContext, useEffect, useState, type DependencyList } from 'react';
import type { WaymarkApi } from './waymark-api';

export interface ApiContextValue {
  api: WaymarkApi;
  /** Where workflow links point; absent when the engine did not say. */
  temporalUiUrl?: string;
}

export const ApiContext = createContext<ApiContextValue | null>(null);

export function useApi(): ApiContextValue {
  const value = useContext(ApiContext);
  if (!value) throw new Error('useApi outside <ApiContext.Provider>');
  return value;
}

export type Loaded<T> = { state: 'loading' } | { state: 'ok'; data: T } | { state: 'error'; error: Error };

/** Runs a call when its inputs change; `reload` runs it again. Late answers of old calls are dropped. */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): Loaded<T> & { reload: () => void } {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    load().then(
      (data) => current && setResult({ state: 'ok', data }),
      (error: unknown) =>
        current && setResult({ state: 'error', error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names what `load` depends on, as with useEffect.
  }, [...deps, round]);
  return { ...result, reload: () => setRound((n) => n + 1) };
}
