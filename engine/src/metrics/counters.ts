import type { EntryEnd } from '@waymark/workflows/temporal';
import type { StoredEvent } from '../models/index.js';
import { eventsIngested, journeyEntries, journeyExits, messagesTotal, routingLag } from './registry.js';

export { rateLimited, sendDuration } from './registry.js';

/** Newly stored events (ingestion, tracking links, provider webhooks). */
export function countIngested(events: Pick<StoredEvent, 'type'>[]): void {
  for (const event of events) eventsIngested.inc({ type: event.type });
}

/** A journey entry whose workflow was started. */
export function countEntry(): void {
  journeyEntries.inc();
}

/** A journey entry ended (counted once: by the write that ended it). */
export function countExit(status: EntryEnd['status']): void {
  journeyExits.inc({ status });
}

/** A send decision recorded in the outbox. */
export function countMessage(outcome: { status: string; channel?: string }): void {
  messagesTotal.inc({ channel: outcome.channel ?? 'none', status: outcome.status });
}

/** An event routed: how long after it was stored. */
export function observeRouted(event: Pick<StoredEvent, 'receivedAt'>, routedAt: Date): void {
  routingLag.observe(Math.max(0, routedAt.getTime() - event.receivedAt.getTime()) / 1000);
}
