import { MAX_JSON_DEPTH } from '@waymark/workflows/api';

/**
 * Any JSON a client sends, as the store can hold it, and back. MongoDB field names cannot contain `.`
 * or NUL or start with `$` (and `""` or white space at either end breaks `$set` paths in FerretDB), FerretDB 1.x stores no array directly inside
 * an array. Keys are escaped like URI components, but only `%`, `.`, `$` and NUL, so ordinary keys stay
 * as they are and queries on them keep working; an array inside an array is wrapped as `{ "%array": [...] }`
 * (a client's own `%array` key is escaped to `%25array`, so the two never meet). PostgreSQL (under
 * FerretDB) stores no NUL in strings: a string with NUL is kept as its parts, `{ "%nul": [...] }`.
 */

const ESCAPES: Record<string, string> = { '%': '%25', '.': '%2E', $: '%24', '\0': '%00' };
const UNESCAPES: Record<string, string> = { '%25': '%', '%2E': '.', '%24': '$', '%00': '\0' };
const ARRAY = '%array';
const NUL_STRING = '%nul';
/** The stored name of the empty key (a lone `%`, which no escaped key can be). */
const EMPTY = '%';

/**
 * FerretDB refuses `$set` paths whose part starts or ends with white space: those characters become `%uXXXX`.
 * White space as Go (FerretDB) sees it: Unicode's White_Space, which has U+0085 (NEL) where JavaScript's `\s`
 * does not; `\s` adds U+FEFF, escaped too.
 */
const EDGE_SPACE = /^[\s\p{White_Space}]+|[\s\p{White_Space}]+$/gu;
const escapeSpace = (space: string) =>
  [...space].map((c) => `%u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`).join('');

export const escapeKey = (key: string): string =>
  key === '' ? EMPTY : key.replace(/[%.$\0]/g, (c) => ESCAPES[c]!).replace(EDGE_SPACE, escapeSpace);
export const unescapeKey = (key: string): string =>
  key === EMPTY
    ? ''
    : key
        .replace(/%u([0-9A-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
        .replace(/%(25|2E|24|00)/g, (code) => UNESCAPES[code]!);

/** Thrown for a value nested deeper than MAX_JSON_DEPTH: a client error, stored nowhere. */
export class TooDeepError extends Error {
  override name = 'TooDeepError';
}

/** The value with every key escaped and inner arrays wrapped; throws TooDeepError past MAX_JSON_DEPTH levels. */
export function toStored(value: unknown, depth = 0): unknown {
  if (depth > MAX_JSON_DEPTH) throw new TooDeepError(`nested deeper than ${MAX_JSON_DEPTH} levels`);
  if (typeof value === 'string' && value.includes('\0')) return { [NUL_STRING]: value.split('\0') };
  if (Array.isArray(value))
    return value.map((item) =>
      Array.isArray(item) ? { [ARRAY]: toStored(item, depth + 1) } : toStored(item, depth + 1),
    );
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [escapeKey(key), toStored(inner, depth + 1)]),
    );
  }
  return value;
}

/** The value as the client sent it (the inverse of toStored); values stored before escaping pass unchanged. */
export function fromStored(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromStored);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0]![0] === ARRAY && Array.isArray(entries[0]![1]))
      return fromStored(entries[0]![1]);
    if (entries.length === 1 && entries[0]![0] === NUL_STRING && Array.isArray(entries[0]![1]))
      return entries[0]![1].join('\0');
    return Object.fromEntries(entries.map(([key, inner]) => [unescapeKey(key), fromStored(inner)]));
  }
  return value;
}

/** A stored record of client keys (properties, traits) as the client sent it. */
export const storedRecord = (value: unknown): Record<string, unknown> =>
  (fromStored(value ?? {}) ?? {}) as Record<string, unknown>;
