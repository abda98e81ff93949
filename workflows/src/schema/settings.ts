import { z } from 'zod';
import { condition } from './condition.js';
import { isoDuration } from './duration.js';

/** An IANA time zone the runtime knows (Intl rejects unknown ones). */
export const timeZone = z.string().refine(
  (zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be an IANA time zone such as Asia/Seoul or America/New_York' },
);

export const journeySettings = z.strictObject({
  reentry: z.enum(['never', 'afterExit', 'always']).default('afterExit'),
  cooldown: isoDuration.optional(),
  goal: z
    .strictObject({
      event: z.string().min(1, 'name the goal event'),
      where: condition.optional(),
      within: isoDuration.optional(),
      exit: z.boolean().default(false),
    })
    .optional(),
  exitOn: z
    .array(z.strictObject({ event: z.string().min(1, 'name the event'), where: condition.optional() }))
    .default([]),
  timezone: timeZone.optional(),
  contactPolicy: z.enum(['default', 'bypass']).default('default'),
  /** A sticky control group: counted and converting like everyone else, but sent no message (docs/experiments.md). */
  holdout: z
    .strictObject({
      percent: z
        .number()
        .gt(0, 'a holdout needs a percentage above 0')
        .lt(100, 'a holdout must leave someone to message: below 100'),
    })
    .optional(),
  /** Messages this journey sends per calendar minute, across all workers; more wait for the next minute. */
  rateLimit: z
    .strictObject({
      perMinute: z
        .number()
        .int('use a whole number of messages')
        .min(1, 'allow at least 1 message a minute')
        .max(1_000_000),
    })
    .optional(),
});

export type JourneySettings = z.infer<typeof journeySettings>;
