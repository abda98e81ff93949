import { Schema, model, type InferSchemaType } from 'mongoose';

/** `skipped`: the event matched but re-entry rules or a concurrent entry kept the user out. */
export const entryStatuses = ['starting', 'active', 'completed', 'exited', 'failed', 'skipped'] as const;

/**
 * One user's pass through one journey. Created (unique per triggering event) before the workflow
 * starts, so a crash between the two is finished by the sweeper rather than entering twice; also
 * the engine's own memory for re-entry "never", which outlives Temporal's retention.
 */
const EntrySchema = new Schema(
  {
    workflowId: { type: String, required: true },
    journeyId: { type: String, required: true },
    version: { type: Number, required: true },
    userId: { type: String, required: true },
    /** messageId of the event (or API call) that caused the entry. */
    triggerId: { type: String, required: true },
    status: { type: String, enum: entryStatuses, required: true, default: 'starting' },
    currentNode: String,
    /** Event names this entry's version listens to, so routing signals only entries that care. */
    listensTo: { type: [String], default: [] },
    /** The arm taken at each split node (experiment reports count entries per arm from these). */
    arms: {
      type: [
        new Schema({ node: { type: String, required: true }, arm: { type: String, required: true } }, { _id: false }),
      ],
      default: [],
    },
    /** In the journey's holdout: the control group, sent no message. */
    holdout: Boolean,
    /** Split variant the conversion is attributed to, and the last message before it. */
    variant: String,
    convertedBy: String,
    convertedAt: Date,
    enteredAt: { type: Date, required: true },
    endedAt: Date,
    endReason: String,
  },
  { minimize: false },
);
EntrySchema.index({ journeyId: 1, triggerId: 1, userId: 1 }, { unique: true });
EntrySchema.index({ userId: 1, status: 1, listensTo: 1 });
EntrySchema.index({ journeyId: 1, userId: 1, enteredAt: -1 });
EntrySchema.index({ workflowId: 1 });

export type Entry = InferSchemaType<typeof EntrySchema>;
export const EntryModel = model('Entry', EntrySchema);

/** A move from one node to another, for stats (counts on nodes and edges). Unique per (entry, node visit). */
const TransitionSchema = new Schema({
  key: { type: String, required: true, unique: true },
  workflowId: { type: String, required: true },
  journeyId: { type: String, required: true },
  version: { type: Number, required: true },
  userId: { type: String, required: true },
  nodeId: { type: String, required: true },
  fromNodeId: String,
  handle: String,
  at: { type: Date, required: true },
});
TransitionSchema.index({ journeyId: 1, version: 1, nodeId: 1 });
TransitionSchema.index({ at: 1 });

export type Transition = InferSchemaType<typeof TransitionSchema>;
export const TransitionModel = model('Transition', TransitionSchema);

/**
 * Transitions older than the retention, counted per UTC day and edge before they are deleted; stats add
 * them to the live transitions. `day` + edge fields make the id, so a repeated roll-up inserts nothing new;
 * the row `<day>|complete` (no journey) marks a day whose counts are all written.
 */
const TransitionRollupSchema = new Schema(
  {
    _id: { type: String, required: true },
    day: { type: String, required: true },
    // Absent on the day's `complete` marker only.
    journeyId: String,
    version: Number,
    nodeId: String,
    fromNodeId: String,
    handle: String,
    count: { type: Number, required: true },
  },
  { versionKey: false },
);
TransitionRollupSchema.index({ journeyId: 1, version: 1 });

export const TransitionRollupModel = model('TransitionRollup', TransitionRollupSchema);
