import { storeCalls } from '../ingest/store.js';
import { ProfileModel, type StoredEvent } from '../models/index.js';
import { withProfileLock } from '../profiles/profile-lock.js';

/**
 * Records a consent change for one channel (unsubscribe link, SMS STOP/START) and the user's
 * `unsubscribed` / `subscribed` event, once per `eventKey`. Returns the stored events to route.
 */
export async function changeConsent(
  userId: string,
  channel: string,
  subscribed: boolean,
  source: string,
  eventKey: string,
  at = new Date(),
): Promise<StoredEvent[]> {
  await withProfileLock(userId, () =>
    ProfileModel.updateOne({ userId }, { $set: { [`consent.${channel}`]: { subscribed, updatedAt: at, source } } }),
  );
  const event = subscribed ? 'subscribed' : 'unsubscribed';
  return storeCalls([
    {
      type: 'track',
      userId,
      event,
      messageId: `${event}:${eventKey}`,
      timestamp: at.toISOString(),
      properties: { channel, source },
    },
  ]);
}
