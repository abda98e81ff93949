import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The engine's metrics, one registry per process: the API process, a `waymark worker`, or both in
 * one (`npm start`). docs/operations.md says what each means and when to worry.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const eventsIngested = new Counter({
  name: 'waymark_events_ingested_total',
  help: 'Events stored by ingestion, tracking links and provider webhooks (new ones only, duplicates excluded)',
  labelNames: ['type'] as const,
  registers: [registry],
});

export const journeyEntries = new Counter({
  name: 'waymark_journey_entries_total',
  help: 'Journey entries started (a workflow started for a user)',
  registers: [registry],
});

export const journeyExits = new Counter({
  name: 'waymark_journey_exits_total',
  help: 'Journey entries ended, by status (completed: an exit node or the goal; exited: an exit rule or an operator)',
  labelNames: ['status'] as const,
  registers: [registry],
});

export const messagesTotal = new Counter({
  name: 'waymark_messages_total',
  help: 'Send decisions recorded in the outbox, by channel and status (sent, delivered, failed, skipped, deferred)',
  labelNames: ['channel', 'status'] as const,
  registers: [registry],
});

export const rateLimited = new Counter({
  name: 'waymark_rate_limited_total',
  help: 'Sends held back by a shared limit: a channel throttle (waited) or a journey rate limit (deferred)',
  labelNames: ['limit'] as const,
  registers: [registry],
});

export const routingLag = new Histogram({
  name: 'waymark_routing_lag_seconds',
  help: 'From an event stored to the event routed (journeys entered and running entries signalled)',
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
  registers: [registry],
});

export const sendDuration = new Histogram({
  name: 'waymark_send_duration_seconds',
  help: 'Provider call of one message (SMTP, Twilio, FCM, ...), by channel and outcome',
  labelNames: ['channel', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const storeCommandDuration = new Histogram({
  name: 'waymark_store_command_duration_seconds',
  help: 'MongoDB commands (find, insert, update, ...) as the driver measured them, by outcome',
  labelNames: ['command', 'outcome'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});
