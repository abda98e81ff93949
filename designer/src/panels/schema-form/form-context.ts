import { createContext, useContext } from 'react';
import type { JsonSchema } from './json-schema';

/** A message node as pickers offer it: its id in the document, its headline on screen. */
export interface MessageChoice {
  id: string;
  label: string;
}

/** What every field of one form shares: the root schema (for $refs), field errors and suggestions. */
export interface FormContextValue {
  root: JsonSchema;
  /** Compiler messages by field path inside the data (`template.title`). */
  errors: ReadonlyMap<string, string>;
  /** Event names the journey already uses: suggested wherever an event is named. */
  eventNames: readonly string[];
  /** Data paths real profiles and events carry (`profile.tier`), suggested where a condition names a field. */
  fieldPaths: readonly string[];
  /** Message nodes by headline, for engagement conditions. */
  messages: readonly MessageChoice[];
}

export const FormContext = createContext<FormContextValue>({
  root: {},
  errors: new Map(),
  eventNames: [],
  fieldPaths: [],
  messages: [],
});

export const useFormContext = (): FormContextValue => useContext(FormContext);
