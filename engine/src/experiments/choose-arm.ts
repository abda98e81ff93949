import type { NodeData } from '@waymark/workflows';
import { chooseArm, createRandomness } from '@waymark/workflows/experiments';
import type { EntryRef } from '@waymark/workflows/temporal';
import { SplitAssignmentModel, isDuplicateKey } from '../models/index.js';
import { armTallies, countEntry } from './counters.js';

/** Randomly seeded once per worker process; the workflow itself never draws random numbers. */
const randomness = createRandomness();

/**
 * The `chooseVariant` activity (optimize-mode splits): the user's stored arm when there is one
 * (sticky across re-entries and versions, unless the arm is gone or switched off), else a Thompson
 * sampling draw over this version's counters, stored with a unique insert.
 */
export async function chooseVariant(
  entry: EntryRef,
  nodeId: string,
  variants: NodeData<'split'>['variants'],
): Promise<string> {
  const key = { journeyId: entry.journeyId, nodeId, userId: entry.userId };
  const scope = { journeyId: entry.journeyId, version: entry.version, nodeId };
  const live = new Set(variants.filter((v) => v.weight > 0).map((v) => v.id));
  const stored = await SplitAssignmentModel.findOne(key).lean();
  let arm = stored?.arm;
  if (!arm || !live.has(arm)) {
    const drawn = chooseArm(await armTallies(scope, variants), randomness);
    arm = stored
      ? await reassign(stored._id, stored.arm, drawn, entry.version)
      : await assign(key, drawn, entry.version);
  }
  await countEntry(scope, arm);
  return arm;
}

/** First assignment; when a concurrent entry of the same user stored one first, that one wins. */
async function assign(
  key: { journeyId: string; nodeId: string; userId: string },
  arm: string,
  version: number,
): Promise<string> {
  try {
    await SplitAssignmentModel.create({ ...key, arm, version, assignedAt: new Date() });
    return arm;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const winner = await SplitAssignmentModel.findOne(key).lean();
    return winner?.arm ?? arm;
  }
}

/** The stored arm no longer exists in this version (or has weight 0): move the user to the new draw. */
async function reassign(id: unknown, previous: string, arm: string, version: number): Promise<string> {
  await SplitAssignmentModel.updateOne({ _id: id, arm: previous }, { $set: { arm, version, assignedAt: new Date() } });
  return arm;
}
