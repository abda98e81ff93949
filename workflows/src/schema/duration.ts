import { Duration } from 'luxon';
import { z } from 'zod';

/** Longest wait a journey may express; longer is almost certainly a typo (docs/journey-language.md#compilation-and-validation). */
export const MAX_DURATION_YEARS = 5;

/** An ISO-8601 duration such as `PT30M`, `P2D` or `P7M`: longer than zero and at most five years. */
export const isoDuration = z.string().superRefine((value, ctx) => {
  const duration = Duration.fromISO(value);
  if (!duration.isValid) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not an ISO-8601 duration; write e.g. PT30M, P2D or P7M` });
  } else if (duration.as('milliseconds') <= 0) {
    ctx.addIssue({ code: 'custom', message: 'must be longer than zero' });
  } else if (duration.as('years') > MAX_DURATION_YEARS) {
    ctx.addIssue({ code: 'custom', message: `must be at most ${MAX_DURATION_YEARS} years` });
  }
});

/** A 24-hour wall-clock time such as `09:00`, read in the user's zone. */
export const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour local time such as 09:00');
