import { z } from 'zod';
import { channels } from '../schema/templates.js';
import { instant } from './common.js';

/** `unknown`: the provider call was interrupted (a crash inside it) and the provider cannot dedupe a retry: it may or may not have gone out. */
export const messageStatuses = [
  'sending',
  'sent',
  'delivered',
  'opened',
  'clicked',
  'read',
  'failed',
  'skipped',
  'deferred',
  'unknown',
] as const;
export type MessageStatus = (typeof messageStatuses)[number];

const filterValue = z.string().min(1).max(256).optional();

/** `GET /api/messages` filters: plain strings only, so `userId[$ne]=x` is a 400 rather than an operator. */
export const messagesQuery = z.strictObject({
  userId: filterValue,
  journeyId: filterValue,
  status: z.enum(messageStatuses).optional(),
  channel: filterValue,
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type MessagesFilter = Partial<Record<'userId' | 'journeyId' | 'status' | 'channel', string>>;

/** One row of the outbox (`messages` collection). */
export const outboxMessage = z.looseObject({
  id: z.string(),
  key: z.string(),
  workflowId: z.string().optional(),
  journeyId: z.string().optional(),
  version: z.number().optional(),
  nodeId: z.string().optional(),
  userId: z.string(),
  channel: z.enum(channels),
  status: z.enum(messageStatuses),
  /** Why it was skipped, deferred or failed (e.g. `no_consent`, `frequency_cap`). */
  reason: z.string().optional(),
  rendered: z.unknown().optional(),
  history: z.array(z.object({ status: z.enum(messageStatuses), at: instant, detail: z.string().optional() })),
  createdAt: instant,
});

/** `GET /api/messages`: the newest matching messages, and how many (status aside) were interrupted mid-send. */
export const outbox = z.object({
  messages: z.array(outboxMessage),
  /** Messages whose delivery is unknown: the provider call was interrupted and the provider cannot dedupe a retry. */
  unknown: z.int().min(0),
});

export type OutboxMessage = z.infer<typeof outboxMessage>;
export type Outbox = z.infer<typeof outbox>;
