import { Schema, model } from 'mongoose';

/**
 * One unit of a shared rate limit: `_id` is `<scope>:<window>:<n>` with n below the limit, so the
 * unique `_id` lets at most `limit` inserts per window succeed, across every process. Inserting is
 * atomic on MongoDB and FerretDB alike, where counting with `$inc` is not (FerretDB).
 */
// No TTL index (FerretDB 1.24 refuses `expireAfterSeconds`): the limiter deletes expired slots itself.
const RateSlotSchema = new Schema(
  { _id: { type: String, required: true }, expiresAt: { type: Date, required: true } },
  { versionKey: false },
);

export const RateSlotModel = model('RateSlot', RateSlotSchema);
