import { createContext, useContext } from 'react';
import type { JourneyStats } from '@waymark/workflows/api';
import type { StepCatalog } from '../steps/catalog';
import type { JourneyStore } from '../store/journey-store';
import type { Validation } from '../validation/validate';
import type { JourneyWords } from '../words/journey-words';

/** A simulated run drawn on the canvas. */
export interface Highlight {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

/** What the canvas, node cards and panels of one open journey share. */
export interface EditorContextValue {
  store: JourneyStore;
  /** The saved journey; undefined for a draft not saved yet. */
  journeyId: string | undefined;
  catalog: StepCatalog;
  validation: Validation;
  highlight: Highlight | null;
  setHighlight: (highlight: Highlight | null) => void;
  /** Live counts of the published version, when the overlay is on. */
  stats: JourneyStats | null;
  readOnly: boolean;
  /** How the journey's steps are named wherever a person reads about them. */
  words: JourneyWords;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditor(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error('useEditor outside the journey editor');
  return value;
}
