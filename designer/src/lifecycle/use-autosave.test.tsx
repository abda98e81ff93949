import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import type { WaymarkApi } from '../api/waymark-api';
import { createJourneyStore } from '../store/journey-store';
import { useAutosave } from './use-autosave';

const document = {
  name: 'J',
  graph: { nodes: [{ id: 't', type: 'trigger', data: { kind: 'api' }, position: { x: 0, y: 0 } }], edges: [] },
  settings: {},
};

function setup(saveJourney: WaymarkApi['saveJourney']) {
  const store = createJourneyStore();
  store.getState().load(document);
  const api = { saveJourney } as unknown as WaymarkApi;
  return { store, hook: renderHook(() => useAutosave(api, store, 'j1', 4)) };
}

describe('autosave', () => {
  it('saves changes with the loaded revision, then the one the engine returned', async () => {
    const saveJourney = vi.fn(async (_id: string, _doc: unknown, revision: number) => ({
      id: 'j1',
      revision: revision + 1,
      status: 'draft' as const,
    }));
    const { store, hook } = setup(saveJourney);
    act(() => store.getState().select(['t']));
    expect(hook.result.current.state).toEqual({ kind: 'saved' });
    act(() => store.getState().setName('Renamed'));
    expect(hook.result.current.state).toEqual({ kind: 'unsaved' });
    await act(() => hook.result.current.saveNow());
    expect(saveJourney).toHaveBeenLastCalledWith('j1', expect.objectContaining({ name: 'Renamed' }), 4);
    act(() => store.getState().setName('Again'));
    await act(() => hook.result.current.saveNow());
    expect(saveJourney).toHaveBeenLastCalledWith('j1', expect.objectContaining({ name: 'Again' }), 5);
    expect(hook.result.current.state).toEqual({ kind: 'saved' });
  });

  it('stops at a conflict (another tab saved first)', async () => {
    const saveJourney = vi.fn(async () => {
      throw new ApiError(409, 'conflict', 'The journey was saved elsewhere');
    });
    const { store, hook } = setup(saveJourney);
    act(() => store.getState().setName('Mine'));
    await act(() => hook.result.current.saveNow());
    await waitFor(() =>
      expect(hook.result.current.state).toEqual({ kind: 'conflict', message: 'The journey was saved elsewhere' }),
    );
    act(() => store.getState().setName('More'));
    await act(() => hook.result.current.saveNow());
    expect(saveJourney).toHaveBeenCalledTimes(1);
  });
});
