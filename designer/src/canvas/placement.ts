import type { XYPosition } from '@xyflow/react';
import { NODE_SIZE } from './new-node';

interface Placed {
  position: XYPosition;
  measured?: { width?: number; height?: number };
}

const GAP = 40;

/** The first spot at or right of `desired` where a new card overlaps no existing one. */
export function freeSpot(nodes: readonly Placed[], desired: XYPosition): XYPosition {
  const overlaps = (x: number) =>
    nodes.some((node) => {
      const width = node.measured?.width ?? NODE_SIZE.width;
      const height = node.measured?.height ?? NODE_SIZE.height;
      return (
        x < node.position.x + width + GAP / 2 &&
        node.position.x < x + NODE_SIZE.width + GAP / 2 &&
        desired.y < node.position.y + height + GAP / 2 &&
        node.position.y < desired.y + NODE_SIZE.height + GAP / 2
      );
    });
  let x = desired.x;
  while (overlaps(x)) x += NODE_SIZE.width + GAP;
  return { x, y: desired.y };
}

/** Below a node, under the given output (of `count`), so branches fan out left to right. */
export function belowOutput(node: Placed, index: number, count: number): XYPosition {
  const height = node.measured?.height ?? NODE_SIZE.height;
  return { x: node.position.x + (index - (count - 1) / 2) * (NODE_SIZE.width + GAP), y: node.position.y + height + 80 };
}

/** Whether any two cards overlap or leave too little room for an arrow between them, e.g. once stats made them taller. */
export function anyOverlap(nodes: readonly Placed[], gap = 50): boolean {
  const box = (node: Placed) => ({
    x: node.position.x,
    y: node.position.y,
    w: node.measured?.width ?? NODE_SIZE.width,
    h: node.measured?.height ?? NODE_SIZE.height,
  });
  return nodes.some((a, i) =>
    nodes.slice(i + 1).some((b) => {
      const p = box(a);
      const q = box(b);
      return p.x < q.x + q.w + gap && q.x < p.x + p.w + gap && p.y < q.y + q.h + gap && q.y < p.y + p.h + gap;
    }),
  );
}
