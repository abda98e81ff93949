import { describe, expect, it } from 'vitest';
import { belowOutput, freeSpot } from './placement';

describe('placement', () => {
  it('moves a new card right until it overlaps nothing', () => {
    const nodes = [{ position: { x: 0, y: 200 } }, { position: { x: 280, y: 200 } }];
    expect(freeSpot(nodes, { x: 0, y: 200 })).toEqual({ x: 560, y: 200 });
    expect(freeSpot(nodes, { x: 0, y: 500 })).toEqual({ x: 0, y: 500 });
  });

  it('fans outputs out under their node', () => {
    const node = { position: { x: 100, y: 0 }, measured: { width: 240, height: 100 } };
    expect(belowOutput(node, 0, 1)).toEqual({ x: 100, y: 180 });
    expect(belowOutput(node, 0, 2)).toEqual({ x: -40, y: 180 });
    expect(belowOutput(node, 1, 2)).toEqual({ x: 240, y: 180 });
  });
});
