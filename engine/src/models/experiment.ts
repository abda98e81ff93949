import { Schema, model, type InferSchemaType } from 'mongoose';

/**
 * The arm an optimize-mode split gave a user: one per (journey, split node, user), written with a
 * unique insert so two concurrent entries of one user cannot end up on different arms, and kept
 * across re-entries and versions (sticky).
 */
const SplitAssignmentSchema = new Schema({
  journeyId: { type: String, required: true },
  nodeId: { type: String, required: true },
  userId: { type: String, required: true },
  arm: { type: String, required: true },
  /** The version that made the choice. */
  version: { type: Number, required: true },
  assignedAt: { type: Date, required: true },
});
SplitAssignmentSchema.index({ journeyId: 1, nodeId: 1, userId: 1 }, { unique: true });

export type SplitAssignment = InferSchemaType<typeof SplitAssignmentSchema>;
export const SplitAssignmentModel = model('SplitAssignment', SplitAssignmentSchema);

/**
 * Running tallies the optimize-mode sampler reads: a few small documents per (journey, version,
 * split node, arm), so a decision costs one query however many entries there are. Incremented with
 * $inc, which FerretDB may lose when two writers hit one document at once; spreading each arm over
 * shards makes that rare. Good enough to steer sampling; reports count the entries themselves.
 */
const ArmCounterSchema = new Schema({
  journeyId: { type: String, required: true },
  version: { type: Number, required: true },
  nodeId: { type: String, required: true },
  arm: { type: String, required: true },
  shard: { type: Number, required: true },
  entered: { type: Number, required: true, default: 0 },
  converted: { type: Number, required: true, default: 0 },
});
ArmCounterSchema.index({ journeyId: 1, version: 1, nodeId: 1, arm: 1, shard: 1 }, { unique: true });

export type ArmCounter = InferSchemaType<typeof ArmCounterSchema>;
export const ArmCounterModel = model('ArmCounter', ArmCounterSchema);
