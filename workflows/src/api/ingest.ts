import { z } from 'zod';

/**
 * The Segment spec's calls as the OpenAPI document shows them. The handlers read calls leniently
 * (segment-calls.ts): numeric ids, timestamps with or without a zone or in epoch milliseconds, any
 * other field a client adds; a call is refused only for what it cannot do without (an id, an event name).
 */
const id = z.union([z.string().min(1).max(256), z.number()]);
const instant = z.union([z.string(), z.number()]).describe('ISO-8601 (without a zone: UTC) or epoch milliseconds');
const json = z.record(z.string(), z.unknown());
const common = {
  userId: id.optional(),
  anonymousId: id
    .optional()
    .describe('for a user not identified yet; identify or alias with both links it to the userId'),
  messageId: id.optional().describe('dedupes retries: a call with a stored messageId is not stored again'),
  timestamp: instant.optional(),
  originalTimestamp: instant.optional(),
  sentAt: instant.optional().describe('with timestamp, corrects the client clock: receivedAt - (sentAt - timestamp)'),
  context: json.optional(),
  writeKey: z.string().optional().describe('the write key, when not sent in the Authorization header'),
};

export const identifyCall = z.looseObject({ ...common, traits: json.optional() });
export const trackCall = z.looseObject({ ...common, event: z.string().min(1).max(200), properties: json.optional() });
export const pageCall = z.looseObject({
  ...common,
  name: z.string().optional(),
  category: z.string().optional(),
  properties: json.optional(),
});
export const groupCall = z.looseObject({ ...common, groupId: id, traits: json.optional() });
export const aliasCall = z.looseObject({ ...common, userId: id, previousId: id });

export const batchCall = z.looseObject({
  batch: z
    .array(z.looseObject({ type: z.enum(['identify', 'track', 'page', 'screen', 'group', 'alias']) }))
    .min(1, 'batch must hold at least one call')
    .max(500, 'batch holds at most 500 calls'),
  sentAt: instant.optional(),
  writeKey: z.string().optional(),
});

/** `POST /v1/devices`: a push token for the user (an FCM registration token, an APNs device token, or a Web Push subscription as JSON). */
export const deviceCall = z.object({
  userId: z.string().trim().min(1, 'userId is required').max(256),
  platform: z.enum(['fcm', 'apns', 'webpush']),
  token: z.string().trim().min(1, 'token is required').max(4096),
});

/** What a single call or a batch answers: how many events were stored, how many were repeats, which calls were refused. */
export const ingestResult = z.object({
  success: z.literal(true),
  stored: z.int().min(0),
  duplicates: z.int().min(0),
  rejected: z.array(z.object({ index: z.int().min(0), reason: z.string() })).optional(),
});
export const deviceResult = z.object({ success: z.literal(true) });

export type DeviceCall = z.infer<typeof deviceCall>;
export type IngestResult = z.infer<typeof ingestResult>;
