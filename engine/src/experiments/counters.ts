import type { NodeData } from '@waymark/workflows';
import type { ArmTally } from '@waymark/workflows/experiments';
import { ArmCounterModel, isDuplicateKey, type Entry } from '../models/index.js';

/** Documents per arm: concurrent increments land on different ones, so FerretDB loses few of them. */
export const COUNTER_SHARDS = 16;

interface SplitScope {
  journeyId: string;
  version: number;
  nodeId: string;
}

/** The optimizer's view of a split: each arm's weight with its running entries and conversions (one small query). */
export async function armTallies(scope: SplitScope, variants: NodeData<'split'>['variants']): Promise<ArmTally[]> {
  const counters = await ArmCounterModel.find(scope, { arm: 1, entered: 1, converted: 1 }).lean();
  return variants.map((v) => {
    const shards = counters.filter((c) => c.arm === v.id);
    return { id: v.id, weight: v.weight, entered: sum(shards, 'entered'), converted: sum(shards, 'converted') };
  });
}

export async function countEntry(scope: SplitScope, arm: string): Promise<void> {
  await increment({ ...scope, arm }, 'entered');
}

/** A conversion counts for every optimize-mode arm the entry took (fixed splits have no counters, so nothing matches). */
export async function countConversion(entry: Pick<Entry, 'journeyId' | 'version' | 'arms' | 'holdout'>): Promise<void> {
  if (entry.holdout) return;
  for (const { node, arm } of entry.arms) {
    const counter = { journeyId: entry.journeyId, version: entry.version, nodeId: node, arm };
    if (await ArmCounterModel.exists(counter)) await increment(counter, 'converted');
  }
}

/** $inc on a random shard; its first use creates it with a unique insert (a concurrent creator's insert wins, then $inc). */
async function increment(counter: SplitScope & { arm: string }, field: 'entered' | 'converted'): Promise<void> {
  const shard = { ...counter, shard: Math.floor(Math.random() * COUNTER_SHARDS) };
  if ((await ArmCounterModel.updateOne(shard, { $inc: { [field]: 1 } })).matchedCount > 0) return;
  try {
    await ArmCounterModel.create({ ...shard, entered: 0, converted: 0, [field]: 1 });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    await ArmCounterModel.updateOne(shard, { $inc: { [field]: 1 } });
  }
}

function sum(counters: { entered: number; converted: number }[], field: 'entered' | 'converted'): number {
  return counters.reduce((total, c) => total + c[field], 0);
}
