import type { NodeData } from '../schema/nodes.js';
import { hash53 } from '../util/hash.js';

/**
 * Fixed-mode split assignment: a hash of (journey, node, user) picks a point in [0, 100) and the
 * variant whose cumulative weight covers it. Deterministic, so a user always gets the same arm.
 */
export function assignVariant(
  journeyId: string,
  nodeId: string,
  userId: string,
  variants: NodeData<'split'>['variants'],
): string {
  const point = (hash53(`${journeyId}:${nodeId}:${userId}`) % 10_000) / 100;
  let cumulative = 0;
  for (const variant of variants) {
    cumulative += variant.weight;
    if (point < cumulative) return variant.id;
  }
  return variants[variants.length - 1]!.id;
}
