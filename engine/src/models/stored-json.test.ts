import { describe, expect, it } from 'vitest';
import { findUnstorable, MAX_JSON_DEPTH } from '@waymark/workflows/api';
import { fromStored, toStored, TooDeepError } from './stored-json.js';

describe('stored JSON', () => {
  const awkward = {
    'a.b': 1,
    $set: { 'x.y': [1, [2, [3]], { '': 'empty key' }] },
    'nul\0key': 'nul\0value',
    list: ['a\0b', '\0'],
    '%array': [[]],
    '%25': '%',
    '': { '%': '%2E' },
    ' spaced\u00a0': { '\tx\n': '%u0020', '%u0020': 'a client key that looks escaped' },
    'next line\u0085': 'U+0085 is white space to Go (FerretDB), not to JavaScript',
    plain: { nested: true },
  };

  it('round-trips keys with ".", "$", "%", NUL, white space at either end and the empty key, and arrays inside arrays', () => {
    const stored = toStored(awkward);
    expect(findUnstorable(stored)).toBeUndefined();
    expect(JSON.stringify(stored)).not.toMatch(/"[^"]*\.[^"]*":|"\$/);
    // FerretDB refuses $set paths whose parts start or end with white space (a 500 before).
    expect(Object.keys(stored as object)).toContain('%u0020spaced%u00A0');
    expect(Object.keys(stored as object)).toContain('next line%u0085');
    expect(fromStored(stored)).toEqual(awkward);
  });

  it('leaves ordinary keys as they are (queries on them keep working)', () => {
    expect(toStored({ productId: 'p1', items: [{ sku: 'a' }] })).toEqual({ productId: 'p1', items: [{ sku: 'a' }] });
  });

  it('refuses nesting past the documented depth and takes it up to there', () => {
    const nest = (levels: number): unknown => (levels === 0 ? 'leaf' : { k: nest(levels - 1) });
    expect(fromStored(toStored(nest(MAX_JSON_DEPTH)))).toEqual(nest(MAX_JSON_DEPTH));
    expect(() => toStored(nest(MAX_JSON_DEPTH + 1))).toThrow(TooDeepError);
  });
});
