import { z } from 'zod';
import { condition } from '../schema/condition.js';
import { instant } from './common.js';

/** `GET /api/events/names?prefix=&limit=`: event names seen lately (designer autocomplete). */
export const eventNamesQuery = z.strictObject({
  prefix: z.string().max(200).default(''),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const eventName = z.object({ name: z.string(), count: z.int().min(1), lastSeenAt: instant });
export const eventNames = z.object({ names: z.array(eventName) });

/** `GET /api/fields?event=`: data paths seen on real profiles and events (of one event name, if given). */
export const fieldsQuery = z.strictObject({ event: z.string().max(200).optional() });
/** A data path seen on real profiles or events: how often among those sampled, and one value as an example. */
export const seenField = z.object({ path: z.string(), count: z.int().min(1), example: z.string() });
export const seenFields = z.object({ profile: z.array(seenField), event: z.array(seenField) });

/** `POST /api/segments/estimate { condition }`: how many profiles match a segment condition. */
export const estimateBody = z.object({ condition });
export const segmentEstimate = z.object({
  matched: z.int().min(0),
  scanned: z.int().min(0),
  total: z.int().min(0),
  /** Every profile was evaluated; otherwise `estimate` scales the sample's share to `total`. */
  exact: z.boolean(),
  estimate: z.int().min(0),
});

export type EventNameSuggestion = z.infer<typeof eventName>;
export type SeenField = z.infer<typeof seenField>;
export type SeenFields = z.infer<typeof seenFields>;
export type SegmentEstimate = z.infer<typeof segmentEstimate>;
