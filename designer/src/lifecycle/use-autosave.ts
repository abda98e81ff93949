import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import type { WaymarkApi } from '../api/waymark-api';
import type { JourneyStore } from '../store/journey-store';

export type SaveState =
  | { kind: 'saved' }
  | { kind: 'unsaved' }
  | { kind: 'saving' }
  /** Another tab saved first (409): saving stops until the marketer reloads. */
  | { kind: 'conflict'; message: string }
  | { kind: 'error'; message: string };

const DEBOUNCE_MS = 800;

/**
 * Saves the draft a moment after each change, sending the revision it was based on so a save from
 * a stale tab is refused instead of overwriting. Selection and zoom are not changes.
 */
export function useAutosave(
  api: WaymarkApi,
  store: JourneyStore,
  journeyId: string | undefined,
  loadedRevision: number | undefined,
) {
  const [state, setState] = useState<SaveState>({ kind: 'saved' });
  const revision = useRef(loadedRevision);
  const lastSaved = useRef<string | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const conflicted = useRef(false);

  const save = useCallback(async () => {
    clearTimeout(timer.current);
    if (!journeyId || revision.current === undefined || conflicted.current) return;
    const document = store.getState().toDocument();
    const serialized = JSON.stringify(document);
    if (serialized === lastSaved.current) return setState({ kind: 'saved' });
    setState({ kind: 'saving' });
    try {
      const saved = await api.saveJourney(journeyId, document, revision.current);
      revision.current = saved.revision;
      lastSaved.current = serialized;
      setState(JSON.stringify(store.getState().toDocument()) === serialized ? { kind: 'saved' } : { kind: 'unsaved' });
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && error.code === 'conflict') {
        conflicted.current = true;
        setState({ kind: 'conflict', message: error.message });
      } else {
        setState({ kind: 'error', message: (error as Error).message });
      }
    }
  }, [api, store, journeyId]);

  useEffect(() => {
    revision.current = loadedRevision;
    lastSaved.current = journeyId ? JSON.stringify(store.getState().toDocument()) : undefined;
    conflicted.current = false;
    setState({ kind: 'saved' });
    return store.subscribe((next, previous) => {
      if (
        next.nodes === previous.nodes &&
        next.edges === previous.edges &&
        next.settings === previous.settings &&
        next.name === previous.name
      )
        return;
      if (JSON.stringify(store.getState().toDocument()) === lastSaved.current || conflicted.current) return;
      setState({ kind: 'unsaved' });
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), DEBOUNCE_MS);
    });
  }, [store, journeyId, loadedRevision, save]);

  useEffect(() => () => clearTimeout(timer.current), []);
  return { state, saveNow: save };
}
