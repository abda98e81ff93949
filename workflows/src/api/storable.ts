import { z } from 'zod';

/**
 * Nesting a stored JSON value may have. MongoDB and FerretDB refuse documents nested about 100 levels
 * deep; the documents around a client's value add a few levels of their own.
 */
export const MAX_JSON_DEPTH = 64;

export interface Unstorable {
  path: (string | number)[];
  message: string;
}

/**
 * The first place where `value` cannot be stored as a document as it is: a key with `.`, a leading `$`
 * or NUL (field paths and operators), a string with NUL (PostgreSQL under FerretDB stores none), an
 * array directly inside an array (FerretDB 1.x stores none), or nesting deeper than MAX_JSON_DEPTH.
 */
export function findUnstorable(value: unknown, path: (string | number)[] = []): Unstorable | undefined {
  if (path.length > MAX_JSON_DEPTH) return { path, message: `nested deeper than ${MAX_JSON_DEPTH} levels` };
  if (typeof value === 'string' && value.includes('\0')) return { path, message: 'must not contain NUL characters' };
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      if (Array.isArray(item))
        return {
          path: [...path, i],
          message: 'arrays directly inside arrays cannot be stored; wrap the inner one in an object',
        };
      const found = findUnstorable(item, [...path, i]);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key.includes('.') || key.startsWith('$') || key.includes('\0'))
        return { path: [...path, key], message: 'keys must not contain "." or NUL, or start with "$"' };
      const found = findUnstorable(inner, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/** A zod check that the parsed value can be stored as it is (see findUnstorable); the issue names the key. */
export function storable(value: unknown, ctx: z.RefinementCtx): void {
  const found = findUnstorable(value);
  if (found) ctx.addIssue({ code: 'custom', path: found.path, message: found.message });
}
