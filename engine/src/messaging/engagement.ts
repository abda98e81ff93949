import { storeCalls } from '../ingest/store.js';
import { MessageModel, type MessageStatus, type StoredEvent } from '../models/index.js';
import { changeConsent } from './consent.js';
import { advances } from './status-rank.js';

export type Engagement = Extract<MessageStatus, 'delivered' | 'read' | 'failed' | 'opened' | 'clicked'>;

/**
 * Records what happened to a sent message (a delivery callback, an open, a click): the outbox keeps
 * the history and the furthest status, and the user gets a `message_<status>` event, once per
 * message and status, so journeys can wait for or branch on it. Returns the stored events to route.
 */
export async function recordEngagement(
  filter: { _id: string } | { providerMessageId: string },
  status: Engagement,
  properties: Record<string, unknown> = {},
  at = new Date(),
): Promise<StoredEvent[]> {
  const message = await MessageModel.findOne(filter).lean();
  if (!message) return [];
  const messageId = message._id.toString();
  await MessageModel.updateOne(
    { _id: message._id },
    {
      $push: { history: { status, at } },
      ...(advances(status, message.status) ? { $set: { status } } : {}),
    },
  );
  return storeCalls([
    {
      type: 'track',
      userId: message.userId,
      event: `message_${status}`,
      messageId: `${status}:${messageId}`,
      timestamp: at.toISOString(),
      properties: {
        messageId,
        nodeId: message.nodeId,
        journeyId: message.journeyId,
        channel: message.channel,
        ...properties,
      },
    },
  ]);
}

/** An unsubscribe link was followed: the user opts out of the message's channel. Returns the stored events to route. */
export async function unsubscribe(messageId: string): Promise<StoredEvent[]> {
  const message = await MessageModel.findById(messageId).lean();
  if (!message) return [];
  return changeConsent(message.userId, message.channel, false, 'unsubscribe_link', message._id.toString());
}
