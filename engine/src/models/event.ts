import { Schema, model, type InferSchemaType } from 'mongoose';

/**
 * Every identify and track call, stored before it is acknowledged. `routed` stays false until the
 * event has reached every journey it concerns, so a crash in between is repaired by the sweeper,
 * which finds the unrouted few by that keyed field rather than by scanning (docs/store.md).
 */
const EventSchema = new Schema(
  {
    messageId: { type: String, required: true, unique: true },
    type: { type: String, enum: ['identify', 'track'], required: true },
    userId: { type: String, required: true },
    /** Event name for track; `identify` for identify calls. */
    name: { type: String, required: true },
    properties: { type: Schema.Types.Mixed, default: {} },
    timestamp: { type: Date, required: true },
    receivedAt: { type: Date, required: true },
    /** For identify: the profile as it was before this call, so segment triggers can tell "starts matching". */
    profileBefore: Schema.Types.Mixed,
    routed: { type: Boolean, required: true, default: false },
    routedAt: Date,
  },
  { minimize: false },
);
EventSchema.index({ userId: 1, name: 1, timestamp: -1 });
EventSchema.index({ routed: 1, receivedAt: 1 });

export type StoredEvent = InferSchemaType<typeof EventSchema>;
export const EventModel = model('Event', EventSchema);
