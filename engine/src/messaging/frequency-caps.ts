import type { FrequencyCap } from '@waymark/workflows';
import { Duration } from 'luxon';
import { MessageModel, type MessageStatus } from '../models/index.js';

/** Outbox statuses of messages that went (or are going) out: what caps count. */
const COUNTED: MessageStatus[] = ['sending', 'sent', 'delivered', 'read', 'opened', 'clicked'];

/**
 * The channels a frequency cap forbids for this user at `now`. The outbox is the ledger: each cap
 * counts the user's capped messages in its rolling window (one query for all caps). Callers hold
 * the user's lock from this check until their own outbox entry is written, so concurrent sends
 * cannot both take the last slot.
 */
export async function cappedChannels(userId: string, caps: FrequencyCap[], now: Date): Promise<Set<string>> {
  if (caps.length === 0) return new Set();
  const windowStart = (cap: FrequencyCap) => now.getTime() - Duration.fromISO(cap.within).as('milliseconds');
  const since = new Date(Math.min(...caps.map(windowStart)));
  const sent = await MessageModel.find(
    { userId, capped: true, status: { $in: COUNTED }, createdAt: { $gte: since } },
    { channel: 1, createdAt: 1 },
  ).lean();
  const capped = new Set<string>();
  for (const cap of caps) {
    const start = windowStart(cap);
    const count = sent.filter(
      (m) => m.createdAt.getTime() >= start && (cap.channel === 'all' || m.channel === cap.channel),
    ).length;
    if (count >= cap.limit) capped.add(cap.channel);
  }
  return capped;
}
