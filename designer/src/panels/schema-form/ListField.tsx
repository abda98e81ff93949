import { FieldGroup } from './Field';
import { useFormContext } from './form-context';
import { initialValue, resolve, type JsonSchema } from './json-schema';
import { SchemaField } from './SchemaField';

export interface ListFieldProps {
  label: string;
  schema: JsonSchema;
  value: unknown;
  onChange: (value: unknown[]) => void;
  path: string;
}

const itemsOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const singular = (label: string) => label.replace(/(e?s)$/, '') || label;

/** A list (branches, variants, channels, exitOn): each item with its own fields, add, remove, reorder. */
export function ListField({ label, schema, value, onChange, path }: ListFieldProps) {
  const { root } = useFormContext();
  const items = itemsOf(value);
  const itemSchema = resolve(schema.items ?? {}, root);
  const replace = (index: number, next: unknown) => onChange(items.map((item, i) => (i === index ? next : item)));
  const move = (index: number, by: number) => {
    const next = [...items];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item);
    onChange(next);
  };
  return (
    <FieldGroup label={label} path={path}>
      <ol className="list-field">
        {items.map((item, index) => (
          <li key={index} className="list-field__item">
            <SchemaField
              name={`${singular(label)} ${index + 1}`}
              schema={itemSchema}
              value={item}
              onChange={(next) => replace(index, next)}
              path={`${path}.${index}`}
            />
            <span className="list-field__actions">
              <button
                type="button"
                className="button button--small"
                disabled={index === 0}
                onClick={() => move(index, -1)}
                aria-label={`Move ${singular(label).toLowerCase()} ${index + 1} up`}
              >
                ↑
              </button>
              <button
                type="button"
                className="button button--small"
                disabled={index === items.length - 1}
                onClick={() => move(index, 1)}
                aria-label={`Move ${singular(label).toLowerCase()} ${index + 1} down`}
              >
                ↓
              </button>
              <button
                type="button"
                className="button button--small"
                onClick={() => onChange(items.filter((_, i) => i !== index))}
                aria-label={`Remove ${singular(label).toLowerCase()} ${index + 1}`}
              >
                ✕
              </button>
            </span>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button button--link"
        onClick={() => onChange([...items, initialValue(itemSchema, root)])}
      >
        + Add {singular(label).toLowerCase()}
      </button>
    </FieldGroup>
  );
}

/** A list of choices from an enum (weekdays): checkboxes. */
export function MultiSelectField({ label, schema, value, onChange, path }: ListFieldProps) {
  const { root } = useFormContext();
  const options = resolve(schema.items ?? {}, root).enum ?? [];
  const chosen = itemsOf(value);
  return (
    <FieldGroup label={label} path={path}>
      <div className="multi-select">
        {options.map((option) => (
          <label key={String(option)} className="multi-select__option">
            <input
              type="checkbox"
              checked={chosen.includes(option)}
              onChange={(event) =>
                onChange(
                  event.target.checked
                    ? options.filter((o) => o === option || chosen.includes(o))
                    : chosen.filter((o) => o !== option),
                )
              }
            />
            {String(option)}
          </label>
        ))}
      </div>
    </FieldGroup>
  );
}
