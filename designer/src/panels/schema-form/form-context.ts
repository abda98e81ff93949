import { createContext, useContext } from 'react';
import type { JsonSchema } from './json-schema';

/** What every field of one form shares: the root schema (for $refs), field errors and suggestions. */
export interface FormContextValue {
  root: JsonSchema;
  /** Compiler messages by field path inside the data (`template.title`). */
  errors: ReadonlyMap<string, string>;
  /** Event names the journey already uses: suggested wherever an event is named. */
  eventNames: readonly string[];
  /** Message node ids, for engagement conditions. */
  messageNodeIds: readonly string[];
}

export const FormContext = createContext<FormContextValue>({ root: {}, errors: new Map(), eventNames: [], messageNodeIds: [] });

export const useFormContext = (): FormContextValue => useContext(FormContext);
