import type { SimulationResult } from '@waymark/workflows';
import { create } from 'zustand';
import type { ScriptedEvent } from './run-simulation';

const localInputValue = (date: Date) =>
  new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

export type SimulationOutcome = SimulationResult | { failure: string } | { filtered: true };

/**
 * What the marketer set up in the simulator, kept while they switch tabs and select steps (the panel
 * unmounts); a different journey starts afresh.
 */
export interface SimulatorState {
  journeyKey: string | undefined;
  /** `datetime-local` value, in the browser's zone. */
  start: string;
  events: ScriptedEvent[];
  outcome: SimulationOutcome | undefined;
  openFor(journeyKey: string | undefined): void;
  set(patch: Partial<Pick<SimulatorState, 'start' | 'events' | 'outcome'>>): void;
}

const fresh = () => ({ start: localInputValue(new Date()), events: [], outcome: undefined });

export const useSimulatorState = create<SimulatorState>()((set, get) => ({
  journeyKey: undefined,
  ...fresh(),
  openFor: (journeyKey) => {
    if (get().journeyKey !== journeyKey) set({ journeyKey, ...fresh() });
  },
  set: (patch) => set(patch),
}));
