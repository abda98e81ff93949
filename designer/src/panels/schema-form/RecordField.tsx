import { FieldGroup } from './Field';
import { useFormContext } from './form-context';
import { initialValue, resolve, variantsOf, type JsonSchema } from './json-schema';
import { SchemaField } from './SchemaField';
import { formatLooseValue, parseLooseValue } from './value-text';

export interface RecordFieldProps {
  label: string;
  schema: JsonSchema;
  value: unknown;
  onChange: (value: Record<string, unknown>) => void;
  path: string;
}

/** Key/value pairs (profile updates, headers, push data); values follow the schema: numbers, text, or loose values. */
export function RecordField({ label, schema, value, onChange, path }: RecordFieldProps) {
  const { root } = useFormContext();
  const entries = Object.entries((value && typeof value === 'object' ? value : {}) as Record<string, unknown>);
  const valueSchema = typeof schema.additionalProperties === 'object' ? resolve(schema.additionalProperties, root) : {};
  const variants = variantsOf(valueSchema, root);
  const parse = (text: string): unknown =>
    valueSchema.type === 'number' ? Number(text) : valueSchema.type === 'string' ? text : parseLooseValue(text);
  const write = (next: [string, unknown][]) => onChange(Object.fromEntries(next));
  return (
    <FieldGroup label={label} path={path}>
      {entries.map(([key, inner], index) => (
        <div key={index} className="record-field__row">
          <input
            className="input"
            aria-label={`${label} key ${index + 1}`}
            value={key}
            placeholder="key"
            onChange={(event) =>
              write(entries.map((entry, i) => (i === index ? [event.target.value, entry[1]] : entry)))
            }
          />
          {variants ? (
            // Values of several kinds (a context node's constant, Liquid or path): a choice, then its field.
            <SchemaField
              name={`${label} value ${index + 1}`}
              schema={valueSchema}
              value={inner}
              onChange={(next) => write(entries.map((entry, i) => (i === index ? [entry[0], next] : entry)))}
              path={`${path}.${key}`}
            />
          ) : (
            <input
              className="input"
              aria-label={`${label} value ${index + 1}`}
              value={formatLooseValue(inner)}
              placeholder="value"
              type={valueSchema.type === 'number' ? 'number' : 'text'}
              onChange={(event) =>
                write(entries.map((entry, i) => (i === index ? [entry[0], parse(event.target.value)] : entry)))
              }
            />
          )}
          <button
            type="button"
            className="button button--small"
            aria-label={`Remove ${key || 'entry'}`}
            onClick={() => write(entries.filter((_, i) => i !== index))}
          >
            ✕
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button--link"
        onClick={() =>
          write([
            ...entries,
            [
              `field_${entries.length + 1}`,
              variants ? initialValue(valueSchema, root) : valueSchema.type === 'number' ? 1 : '',
            ],
          ])
        }
      >
        + Add entry
      </button>
    </FieldGroup>
  );
}
