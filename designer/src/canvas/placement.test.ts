import { describe, expect, it } from 'vitest';
import { anyOverlap, belowOutput, freeSpot } from './placement';

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

describe('anyOverlap', () => {
  const card = (x: number, y: number, height = 96) => ({ position: { x, y }, measured: { width: 240, height } });
  it('finds cards on top of each other or too close for an arrow between them', () => {
    expect(anyOverlap([card(0, 0), card(0, 200)])).toBe(false);
    // Results made the upper card taller: 40 px left for the arrow and its label.
    expect(anyOverlap([card(0, 0, 160), card(0, 200)])).toBe(true);
    expect(anyOverlap([card(0, 0), card(300, 0)])).toBe(false);
  });
});
