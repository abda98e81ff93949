import { useMemo } from 'react';
import { FormContext, type MessageChoice } from './form-context';
import type { JsonSchema } from './json-schema';
import { SchemaField } from './SchemaField';

export interface SchemaFormProps {
  schema: JsonSchema;
  value: unknown;
  onChange: (value: unknown) => void;
  /** Heading of the form (the step title). */
  label: string;
  errors?: ReadonlyMap<string, string>;
  eventNames?: readonly string[];
  fieldPaths?: readonly string[];
  messages?: readonly MessageChoice[];
}

/** A form generated from a JSON Schema: every node type, custom steps and journey settings get one for free. */
export function SchemaForm({
  schema,
  value,
  onChange,
  label,
  errors = new Map(),
  eventNames = [],
  fieldPaths = [],
  messages = [],
}: SchemaFormProps) {
  const context = useMemo(
    () => ({ root: schema, errors, eventNames, fieldPaths, messages }),
    [schema, errors, eventNames, fieldPaths, messages],
  );
  return (
    <FormContext.Provider value={context}>
      <form className="schema-form" onSubmit={(event) => event.preventDefault()}>
        <SchemaField name={label} label={label} schema={schema} value={value} onChange={onChange} path="" required />
        <datalist id="journey-field-paths">
          {fieldPaths.map((path) => (
            <option key={path} value={path} />
          ))}
        </datalist>
        <datalist id="journey-event-names">
          {eventNames.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      </form>
    </FormContext.Provider>
  );
}
