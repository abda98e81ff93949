import type { DraftDocument } from '@waymark/workflows/api';
import { describe, expect, it } from 'vitest';
import { diffDocuments, diffFields, hasChanges, shortValue } from './diff-documents';

const v1: DraftDocument = {
  name: 'Cart',
  graph: {
    nodes: [
      { id: 't', type: 'trigger', data: { kind: 'event', event: 'a' }, position: { x: 0, y: 0 } },
      { id: 'd', type: 'delay', data: { duration: 'P1D' } },
      { id: 'x', type: 'exit', data: {} },
    ],
    edges: [
      { source: 't', target: 'd' },
      { source: 'd', sourceHandle: 'next', target: 'x' },
    ],
  },
  settings: { reentry: 'never' },
};

describe('diffDocuments', () => {
  it('lists added, removed and changed steps with each changed field, ignoring positions and key order', () => {
    const v2: DraftDocument = {
      ...v1,
      graph: {
        nodes: [
          { id: 't', type: 'trigger', data: { event: 'a', kind: 'event' }, position: { x: 50, y: 9 } },
          { id: 'd', type: 'delay', data: { duration: 'P2D' } },
          { id: 'm', type: 'exit', data: {} },
        ],
        edges: [
          { source: 't', sourceHandle: 'next', target: 'd' },
          { source: 'd', target: 'm' },
        ],
      },
    };
    expect(diffDocuments(v1, v2)).toEqual({
      added: ['m'],
      removed: ['x'],
      changed: [{ id: 'd', fields: [{ path: 'duration', before: 'P1D', after: 'P2D' }] }],
      edgesAdded: ['d:next->m'],
      edgesRemoved: ['d:next->x'],
      settings: [],
    });
  });

  it('reports settings paths, a changed step type and a rename', () => {
    const v2: DraftDocument = {
      name: 'Cart 2',
      graph: { ...v1.graph, nodes: v1.graph.nodes.map((node) => (node.id === 'x' ? { ...node, type: 'end' } : node)) },
      settings: { reentry: 'always', goal: { event: 'order_completed' } },
    };
    expect(diffDocuments(v1, v2)).toMatchObject({
      changed: [{ id: 'x', fields: [{ path: 'type', before: 'exit', after: 'end' }] }],
      settings: [
        { path: 'goal', before: undefined, after: { event: 'order_completed' } },
        { path: 'reentry', before: 'never', after: 'always' },
      ],
      renamed: { before: 'Cart', after: 'Cart 2' },
    });
  });

  it('treats a first publish as all new, and an identical draft as no change', () => {
    expect(diffDocuments(undefined, v1)).toMatchObject({
      added: ['t', 'd', 'x'],
      removed: [],
      edgesAdded: ['t:next->d', 'd:next->x'],
      settings: [{ path: 'reentry', after: 'never' }],
    });
    expect(diffDocuments(undefined, v1)).not.toHaveProperty('renamed');
    expect(hasChanges(diffDocuments(v1, structuredClone(v1)))).toBe(false);
    expect(hasChanges(diffDocuments(v1, { ...v1, name: 'New' }))).toBe(true);
  });
});

describe('diffFields', () => {
  it('walks objects by key and arrays by index down to the leaves', () => {
    expect(
      diffFields(
        {
          variants: [
            { id: 'a', weight: 50 },
            { id: 'b', weight: 50 },
          ],
        },
        {
          variants: [
            { id: 'a', weight: 70 },
            { id: 'b', weight: 30 },
            { id: 'c', weight: 0 },
          ],
        },
      ),
    ).toEqual([
      { path: 'variants.0.weight', before: 50, after: 70 },
      { path: 'variants.1.weight', before: 50, after: 30 },
      { path: 'variants.2', before: undefined, after: { id: 'c', weight: 0 } },
    ]);
    expect(diffFields({ where: { attr: 'x', op: 'exists' } }, { where: [1] })).toEqual([
      { path: 'where', before: { attr: 'x', op: 'exists' }, after: [1] },
    ]);
  });

  it('shows values short and in words', () => {
    expect(shortValue(undefined)).toBe('—');
    expect(shortValue('P2D')).toBe('2 days');
    expect(shortValue('gold')).toBe('"gold"');
    expect(shortValue({ a: 1, b: ['x', 'y'] })).toBe('a: 1, b: x and y');
    expect(shortValue('x'.repeat(100), 10)).toBe('"xxxxxxxx…');
  });
});
