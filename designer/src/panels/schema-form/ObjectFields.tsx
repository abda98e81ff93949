import { fieldKind } from './field-kind';
import { useFormContext } from './form-context';
import { humanize, initialValue, type JsonSchema } from './json-schema';
import { SchemaField } from './SchemaField';

export interface ObjectFieldsProps {
  schema: JsonSchema;
  value: unknown;
  onChange: (value: Record<string, unknown>) => void;
  path: string;
  /** Properties another widget already shows (a union's discriminator). */
  skip?: readonly string[];
}

/** Structured optional fields (a `where` filter, headers) stay folded behind "Add …" until wanted. */
const foldable = new Set(['condition', 'object', 'record', 'array', 'union']);

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** The properties of an object, each with its widget; clearing an optional field removes it. */
export function ObjectFields({ schema, value, onChange, path, skip = [] }: ObjectFieldsProps) {
  const { root } = useFormContext();
  const object = (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
  const set = (key: string, next: unknown) => {
    const { [key]: _previous, ...rest } = object;
    onChange(next === undefined ? rest : { ...object, [key]: next });
  };
  return (
    <div className="object-fields">
      {Object.entries(schema.properties ?? {}).map(([key, property]) => {
        if (skip.includes(key)) return null;
        const required = schema.required?.includes(key) ?? false;
        const folded = !required && object[key] === undefined && foldable.has(fieldKind(key, property, root));
        if (folded) {
          return (
            <button
              key={key}
              type="button"
              className="button button--link"
              onClick={() => set(key, initialValue(property, root) ?? {})}
            >
              + Add {humanize(key).toLowerCase()}
            </button>
          );
        }
        return (
          <div key={key} className="object-fields__item">
            <SchemaField
              name={key}
              schema={property}
              value={object[key]}
              onChange={(next) => set(key, next)}
              path={join(path, key)}
              required={required}
            />
            {!required && foldable.has(fieldKind(key, property, root)) ? (
              <button type="button" className="button button--link" onClick={() => set(key, undefined)}>
                Remove {humanize(key).toLowerCase()}
              </button>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}
