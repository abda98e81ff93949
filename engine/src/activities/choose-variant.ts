import type { NodeData } from '@waymark/workflows';
import type { EntryRef } from '@waymark/workflows/temporal';
import { EntryModel, TransitionModel } from '../models/index.js';

/** Share of entries sent to a random arm, so a losing arm keeps being measured. */
const EXPLORE = 0.1;

/**
 * Optimize-mode split: mostly the variant with the best conversion rate so far (Laplace-smoothed,
 * so unmeasured arms start even), sometimes a random one.
 */
export async function chooseVariant(entry: EntryRef, nodeId: string, variants: NodeData<'split'>['variants']): Promise<string> {
  if (Math.random() < EXPLORE) return variants[Math.floor(Math.random() * variants.length)]!.id;
  const taken = await TransitionModel.aggregate<{ _id: string; entries: number }>([
    { $match: { journeyId: entry.journeyId, fromNodeId: nodeId } },
    { $group: { _id: '$handle', entries: { $sum: 1 } } },
  ]);
  const converted = await EntryModel.aggregate<{ _id: string; conversions: number }>([
    { $match: { journeyId: entry.journeyId, convertedAt: { $exists: true } } },
    { $group: { _id: '$variant', conversions: { $sum: 1 } } },
  ]);
  const rate = (id: string) => ((converted.find((c) => c._id === id)?.conversions ?? 0) + 1) / ((taken.find((t) => t._id === id)?.entries ?? 0) + 2);
  return variants.reduce((best, variant) => (rate(variant.id) > rate(best.id) ? variant : best)).id;
}
