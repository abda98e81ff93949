import { messageStatuses, type MessageStatus } from '@waymark/workflows/api';
import { Schema, model, type InferSchemaType } from 'mongoose';

export { messageStatuses, type MessageStatus };

const StatusChange = new Schema(
  {
    status: { type: String, enum: messageStatuses, required: true },
    at: { type: Date, required: true },
    detail: String,
  },
  { _id: false },
);

/**
 * The outbox: one document per message a journey decided to send, keyed by its idempotency key
 * (entry, node, visit). Written as `sending` before the provider call, so a retried activity finds
 * it and reconciles instead of sending blindly again (messaging/send.ts).
 */
const MessageSchema = new Schema(
  {
    key: { type: String, required: true, unique: true },
    workflowId: String,
    journeyId: String,
    version: Number,
    nodeId: String,
    userId: { type: String, required: true },
    channel: { type: String, required: true },
    status: { type: String, enum: messageStatuses, required: true },
    /** Why it was skipped, deferred or failed (e.g. `no_consent`, `frequency_cap`). */
    reason: String,
    transactional: { type: Boolean, default: false },
    /** Counts towards frequency caps: a person channel, neither transactional nor from a bypass journey nor a test. */
    capped: { type: Boolean, default: false },
    /** Sent from the designer's "send test", not by a journey entry. */
    test: Boolean,
    /** When a message deferred by quiet hours is due to be sent again. */
    deferredUntil: Date,
    providerMessageId: String,
    rendered: Schema.Types.Mixed,
    history: { type: [StatusChange], default: [] },
  },
  { timestamps: true, minimize: false },
);
MessageSchema.index({ userId: 1, createdAt: -1 });
MessageSchema.index({ journeyId: 1, nodeId: 1, status: 1 });
MessageSchema.index({ providerMessageId: 1 });
MessageSchema.index({ status: 1 });

export type Message = InferSchemaType<typeof MessageSchema>;
export const MessageModel = model('Message', MessageSchema);

/** An outbox document as the API lists it: `id` for `_id`, without Mongoose's version key. */
export function outboxRow(message: Record<string, unknown> & { _id: unknown }) {
  const { _id, __v, ...rest } = message;
  return { id: String(_id), ...rest };
}
