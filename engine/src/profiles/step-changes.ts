import { ProfileChangeModel, ProfileModel, insertPlain, isDuplicateKey } from '../models/index.js';
import { storedRecord, toStored } from '../models/stored-json.js';
import { withProfileLock } from './profile-lock.js';

/** How many step keys a profile remembers: far more than the steps one user's retries can overlap. */
const APPLIED_STEPS_KEPT = 50;

/** A journey step's change to the profile, as update operators on stored paths (`traits.<key>`). */
export interface StepChange {
  set: Record<string, unknown>;
  unset: Record<string, ''>;
  inc: Record<string, number>;
}

/**
 * The profile as the step first found it: `before` when this is the first attempt (journaled now under the
 * step's key), else what the first attempt journaled. A retry after the change was written would
 * otherwise take the changed profile for "before" and miss the segments the change entered.
 */
export async function journalBefore(
  key: string,
  userId: string,
  before: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  try {
    await insertPlain(ProfileChangeModel, [{ _id: key, userId, before: toStored(before), at: new Date() }]);
    return before;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const journaled = await ProfileChangeModel.findById(key, { before: 1 }).lean();
    return storedRecord(journaled?.before);
  }
}

/**
 * Applies the step's change once, however often the step is retried: the profile records the step's key
 * in the same write (under the profile lock, so no identify or other step writes in between).
 */
export async function applyStepChange(userId: string, key: string, change: StepChange): Promise<void> {
  const { set, unset, inc } = change;
  if (Object.keys(set).length + Object.keys(unset).length + Object.keys(inc).length === 0) return;
  await withProfileLock(userId, async () => {
    const applied = (await ProfileModel.findOne({ userId }, { appliedSteps: 1 }).lean())?.appliedSteps ?? [];
    if (applied.includes(key)) return;
    await ProfileModel.updateOne(
      { userId },
      {
        $set: { ...set, appliedSteps: [...applied.slice(1 - APPLIED_STEPS_KEPT), key] },
        ...(Object.keys(unset).length ? { $unset: unset } : {}),
        ...(Object.keys(inc).length ? { $inc: inc } : {}),
      },
      { upsert: true },
    );
  });
}
