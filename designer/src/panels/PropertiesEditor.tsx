import { useEffect, useRef, useState } from 'react';
import { formatLooseValue, parseLooseValue } from './schema-form/value-text';

type Properties = Record<string, unknown>;
interface Row {
  key: string;
  text: string;
}

const rowsOf = (value: Properties): Row[] =>
  Object.entries(value).map(([key, inner]) => ({ key, text: formatLooseValue(inner) }));
const valueOf = (rows: readonly Row[], kept: Properties): Properties => ({
  ...kept,
  ...Object.fromEntries(rows.filter((row) => row.key.trim()).map((row) => [row.key.trim(), parseLooseValue(row.text)])),
});

/**
 * Name/value rows for event properties and profile traits: numbers and true/false are typed as
 * such, everything else is text. Keys in `hidden` are kept but edited elsewhere (devices).
 */
export function PropertiesEditor({
  label,
  value,
  onChange,
  hidden = [],
}: {
  label: string;
  value: Properties;
  onChange: (value: Properties) => void;
  hidden?: readonly string[];
}) {
  const shown = Object.fromEntries(Object.entries(value).filter(([key]) => !hidden.includes(key)));
  const kept = Object.fromEntries(Object.entries(value).filter(([key]) => hidden.includes(key)));
  const [rows, setRows] = useState(() => rowsOf(shown));
  const emitted = useRef(JSON.stringify(value));
  // Replaced from outside (a real profile loaded, the trigger changed): show the new rows.
  useEffect(() => {
    if (JSON.stringify(value) !== emitted.current) {
      emitted.current = JSON.stringify(value);
      setRows(rowsOf(shown));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `shown` is derived from `value`, a new object each render.
  }, [value]);
  const update = (next: Row[]) => {
    setRows(next);
    const result = valueOf(next, kept);
    emitted.current = JSON.stringify(result);
    onChange(result);
  };
  return (
    <fieldset className="properties">
      <legend className="field-group__legend">{label}</legend>
      {rows.map((row, index) => (
        <div key={index} className="properties__row">
          <input
            className="input"
            aria-label={`${label}: name ${index + 1}`}
            placeholder="name"
            value={row.key}
            onChange={(event) => update(rows.map((r, i) => (i === index ? { ...r, key: event.target.value } : r)))}
          />
          <input
            className="input"
            aria-label={`${label}: ${row.key || `value ${index + 1}`}`}
            placeholder="value"
            value={row.text}
            onChange={(event) => update(rows.map((r, i) => (i === index ? { ...r, text: event.target.value } : r)))}
          />
          <button
            type="button"
            className="button button--small"
            aria-label={`Remove ${row.key || `row ${index + 1}`}`}
            onClick={() => update(rows.filter((_, i) => i !== index))}
          >
            ✕
          </button>
        </div>
      ))}
      <button type="button" className="button button--link" onClick={() => setRows([...rows, { key: '', text: '' }])}>
        + Add
      </button>
    </fieldset>
  );
}
