import { z } from 'zod';

/** Any JSON object: traits, properties, node data, settings as stored. */
export const jsonObject = z.record(z.string(), z.unknown());

/** An instant as the API writes it (ISO-8601, UTC). */
export const instant = z.iso.datetime({ offset: true });

/** A path or query parameter that must be a positive integer (a version number). */
export const positiveIntParam = z.coerce.number().int().positive();

/** Every error answer: `{ error: { code, message, details? } }` with a 4xx or 5xx status (ApiError). */
export const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
