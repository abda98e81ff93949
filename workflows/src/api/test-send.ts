import { z } from 'zod';
import { jsonObject } from './common.js';

/**
 * `POST /api/journeys/:id/test-send`: one message node's current content to a real profile through
 * the real send path (contact policy bypassed, marked as test).
 */
export const testSendBody = z.strictObject({
  userId: z.string().trim().min(1, 'userId is required').max(256),
  nodeId: z.string().min(1, 'nodeId is required').max(128),
  /** The message node's data as edited in the designer: what is on screen is what is sent. */
  data: jsonObject,
});

export const testSendResult = z.looseObject({
  messageId: z.string().optional(),
  status: z.string(),
  reason: z.string().optional(),
});

export type TestSendRequest = z.input<typeof testSendBody>;
export type TestSendResult = z.infer<typeof testSendResult>;
