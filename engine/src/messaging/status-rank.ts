import { messageStatuses, type MessageStatus } from '../models/index.js';

/**
 * How far a sent message got. A message's status only moves forward: a late "delivered" (or the send's
 * own answer, after a fast delivery callback or a scanner's click) does not hide an open or a click.
 * `unknown` (an interrupted call) and `sending` are behind every outcome.
 */
const rank: Partial<Record<MessageStatus, number>> = {
  sent: 1,
  failed: 2,
  delivered: 2,
  read: 3,
  opened: 3,
  clicked: 4,
};
const rankOf = (status: string): number => rank[status as MessageStatus] ?? 0;

/** Whether `status` moves a message at `current` forward. */
export function advances(status: MessageStatus, current: string): boolean {
  return rankOf(status) > rankOf(current);
}

/** The statuses `status` moves forward from (a store filter for a conditional update). */
export function statusesBehind(status: MessageStatus): MessageStatus[] {
  return messageStatuses.filter((current) => advances(status, current));
}
