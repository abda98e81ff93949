/** Free-form values (attribute values, profile updates) are typed as text: `3` is a number, `["a"]` a list, anything else a string. */
export function parseLooseValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  if (/^(-?\d+(\.\d+)?|true|false|null)$/.test(trimmed) || /^[[{"]/.test(trimmed)) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return text;
    }
  }
  return text;
}

export function formatLooseValue(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
