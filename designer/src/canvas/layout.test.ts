import { describe, expect, it } from 'vitest';
import { layoutGraph, placeNodes, type LayoutNode } from './layout';

const node = (id: string, outputs = ['next']): LayoutNode => ({ id, width: 200, height: 80, outputs });

describe('layout', () => {
  it('lays a chain out top to bottom', async () => {
    const positions = await layoutGraph(
      [node('a'), node('b'), node('c')],
      [
        { source: 'a', sourceHandle: 'next', target: 'b' },
        { source: 'b', sourceHandle: 'next', target: 'c' },
      ],
    );
    expect(positions.a!.y).toBeLessThan(positions.b!.y);
    expect(positions.b!.y).toBeLessThan(positions.c!.y);
  });

  it('keeps branch outputs in card order, left to right', async () => {
    const positions = await layoutGraph(
      [node('w', ['matched', 'timeout']), node('bought', []), node('remind', [])],
      [
        { source: 'w', sourceHandle: 'timeout', target: 'remind' },
        { source: 'w', sourceHandle: 'matched', target: 'bought' },
      ],
    );
    expect(positions.bought!.x).toBeLessThan(positions.remind!.x);
  });

  it('keeps each output path in output order when paths join again', async () => {
    const positions = await layoutGraph(
      [
        node('s', ['two', 'one']),
        node('w2', ['m', 't']),
        node('w1', ['m', 't']),
        node('bought', []),
        node('remind', []),
      ],
      [
        { source: 's', sourceHandle: 'two', target: 'w2' },
        { source: 's', sourceHandle: 'one', target: 'w1' },
        { source: 'w2', sourceHandle: 'm', target: 'bought' },
        { source: 'w2', sourceHandle: 't', target: 'remind' },
        { source: 'w1', sourceHandle: 'm', target: 'bought' },
        { source: 'w1', sourceHandle: 't', target: 'remind' },
      ],
    );
    expect(positions.w2!.x).toBeLessThan(positions.w1!.x);
    expect(positions.bought!.x).toBeLessThan(positions.remind!.x);
  });

  it('places only unplaced nodes, near the kept ones', async () => {
    const nodes = [
      { ...node('a'), position: { x: 1000, y: 1000 } },
      { ...node('b'), position: { x: 0, y: 0 } },
    ];
    const placed = await placeNodes(nodes, [{ source: 'a', sourceHandle: 'next', target: 'b' }], new Set(['b']));
    expect(Object.keys(placed)).toEqual(['b']);
    expect(placed.b!.y).toBeGreaterThan(1000 + 80);
    expect(Math.abs(placed.b!.x - 1000)).toBeLessThan(200);
    expect(await placeNodes(nodes, [], new Set())).toEqual({});
  });
});
