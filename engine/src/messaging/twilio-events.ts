import type { DeliveryUpdate, InboundMessage } from '@waymark/channels';
import { isValidObjectId } from 'mongoose';
import { storeCalls } from '../ingest/store.js';
import { logger } from '../logger.js';
import { ProfileModel, type StoredEvent } from '../models/index.js';
import { changeConsent } from './consent.js';
import { withProfileLock } from '../profiles/profile-lock.js';
import { recordEngagement } from './engagement.js';

/** A delivery report: delivered, read and failed update the outbox and become events. */
export async function onStatus(update: DeliveryUpdate): Promise<StoredEvent[]> {
  if (update.status !== 'delivered' && update.status !== 'read' && update.status !== 'failed') return [];
  // By our own id when the callback names it: it may come before the send's answer set providerMessageId.
  return recordEngagement(
    update.messageId && isValidObjectId(update.messageId)
      ? { _id: update.messageId }
      : { providerMessageId: update.providerMessageId },
    update.status,
    update.error ? { error: update.error } : {},
    update.at,
  );
}

/** An inbound SMS or WhatsApp message: STOP / START change consent, WhatsApp opens the session window, and it is stored as `message_received`. */
export async function onInbound(inbound: InboundMessage): Promise<StoredEvent[]> {
  const profile = await ProfileModel.findOne({ phone: inbound.from }, { userId: 1 }).lean();
  if (!profile) {
    logger.info({ channel: inbound.channel, sid: inbound.providerMessageId }, 'inbound message from an unknown number');
    return [];
  }
  if (inbound.channel === 'whatsapp')
    await withProfileLock(profile.userId, () =>
      ProfileModel.updateOne({ _id: profile._id }, { $set: { whatsappSessionAt: inbound.at } }),
    );
  const consent = inbound.optOut
    ? await changeConsent(
        profile.userId,
        inbound.channel,
        inbound.optOut === 'start',
        `${inbound.channel}_${inbound.optOut}`,
        inbound.providerMessageId,
        inbound.at,
      )
    : [];
  const received = await storeCalls([
    {
      type: 'track',
      userId: profile.userId,
      event: 'message_received',
      messageId: `received:${inbound.providerMessageId}`,
      timestamp: inbound.at.toISOString(),
      properties: { channel: inbound.channel, body: inbound.body },
    },
  ]);
  return [...consent, ...received];
}
