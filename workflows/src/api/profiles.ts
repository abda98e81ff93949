import { z } from 'zod';
import { instant, jsonObject } from './common.js';
import { outboxMessage } from './messages.js';

export const storedEvent = z.object({
  name: z.string(),
  properties: jsonObject,
  timestamp: instant,
  messageId: z.string().optional(),
});

/** `GET /api/profiles/:userId`: traits, recent events, where the user is now (live from each workflow), messages sent. */
export const profileView = z.object({
  userId: z.string(),
  traits: jsonObject,
  email: z.string().optional(),
  phone: z.string().optional(),
  timezone: z.string().optional(),
  events: z.array(storedEvent),
  entries: z.array(
    z.object({
      workflowId: z.string(),
      journeyId: z.string(),
      version: z.int(),
      enteredAt: instant,
      nodeId: z.string().optional(),
      /** What the entry waits for (the interpreter's wait). */
      waiting: z.unknown().optional(),
    }),
  ),
  messages: z.array(outboxMessage),
});

export type StoredEvent = z.infer<typeof storedEvent>;
export type ProfileView = z.infer<typeof profileView>;
