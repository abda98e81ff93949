import { z } from 'zod';

/** Segment-spec timestamps: ISO-8601 with a zone; defaults to the time of receipt. */
const timestamp = z.iso.datetime({ offset: true }).optional();
const userId = z.string().trim().min(1, 'userId is required').max(256);
const messageId = z.string().min(1).max(256).optional();

/** Keys become Mongo field paths, so no dots and no leading `$`. */
const fieldName = z.string().min(1).max(128).regex(/^[^.$][^.]*$/, 'keys must not contain "." or start with "$"');

export const identifyCall = z.object({
  userId,
  traits: z.record(fieldName, z.unknown()).default({}),
  timestamp,
  messageId,
});

export const trackCall = z.object({
  userId,
  event: z.string().trim().min(1, 'event is required').max(200),
  properties: z.record(z.string(), z.unknown()).default({}),
  timestamp,
  messageId,
});

export const batchCall = z.object({
  batch: z
    .array(z.discriminatedUnion('type', [identifyCall.extend({ type: z.literal('identify') }), trackCall.extend({ type: z.literal('track') })]))
    .min(1, 'batch must hold at least one call')
    .max(500, 'batch holds at most 500 calls'),
});

/** `POST /v1/devices`: a push token for the user (an FCM registration token, an APNs device token, or a Web Push subscription as JSON). */
export const deviceCall = z.object({
  userId,
  platform: z.enum(['fcm', 'apns', 'webpush']),
  token: z.string().trim().min(1, 'token is required').max(4096),
});

export type IdentifyCall = z.infer<typeof identifyCall>;
export type TrackCall = z.infer<typeof trackCall>;
export type BatchCall = z.infer<typeof batchCall>;
export type DeviceCall = z.infer<typeof deviceCall>;
