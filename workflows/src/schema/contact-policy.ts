import { z } from 'zod';
import { isoDuration, localTime } from './duration.js';
import { channels } from './templates.js';

/** Channels that reach a person; webhooks reach systems and are outside quiet hours and caps. */
export const personChannels = ['email', 'push', 'sms', 'whatsapp'] as const;
export type PersonChannel = (typeof personChannels)[number];
const personChannel = z.enum(personChannels);

export const quietHours = z
  .strictObject({
    /** Local times in each user's zone; a window past midnight (21:00-08:00) is fine. */
    start: localTime,
    end: localTime,
    /** `defer`: hold the message until the window ends; `skip`: drop it (recorded as skipped). */
    action: z.enum(['defer', 'skip']),
    channels: z.array(personChannel).min(1, 'list at least one channel').optional(),
  })
  .refine((window) => window.start !== window.end, { message: 'start and end must differ', path: ['end'] });

export const frequencyCap = z.strictObject({
  /** `all` caps every person channel together. */
  channel: z.union([personChannel, z.literal('all')]),
  limit: z
    .int('must be a whole number of at least 1')
    .min(1, 'must be a whole number of at least 1')
    .max(10_000, 'must be at most 10000'),
  /** Rolling window, e.g. PT12H, P1D, P7D. */
  within: isoDuration,
});

/** The workspace contact policy (docs/architecture.md#contact-policy), applied at send time in this order: consent, quiet hours, caps, throttle. */
export const contactPolicy = z.strictObject({
  quietHours: quietHours.optional(),
  frequencyCaps: z.array(frequencyCap).max(50).default([]),
  /** Most sends per second, per channel. */
  throttle: z.partialRecord(z.enum(channels), z.number().positive().max(100_000)).default({}),
});

export type QuietHours = z.output<typeof quietHours>;
export type FrequencyCap = z.output<typeof frequencyCap>;
export type ContactPolicy = z.output<typeof contactPolicy>;
