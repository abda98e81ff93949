import { Schema, model } from 'mongoose';

/**
 * The profile as a journey step found it, journaled under the step's idempotency key (`_id`) before the
 * step changes it: a retried step routes segment entries from this snapshot instead of from the profile
 * its first attempt already changed. Kept for PROFILE_CHANGES_KEPT_DAYS (engine/src/retention/retention.ts).
 */
const ProfileChangeSchema = new Schema(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    /** The profile context, keys escaped as models/stored-json.ts stores them. */
    before: { type: Schema.Types.Mixed, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);

// Retention deletes by age.
ProfileChangeSchema.index({ at: 1 });

export const ProfileChangeModel = model('ProfileChange', ProfileChangeSchema);
