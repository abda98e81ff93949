import { z } from 'zod';
import { instant } from './common.js';

const count = z.int().min(0);
const versionParam = z.coerce
  .number({ message: 'version must be a positive integer' })
  .int('version must be a positive integer')
  .positive('version must be a positive integer')
  .optional();

export const analyticsBuckets = ['hour', 'day'] as const;
/** Bucket sizes of `GET /api/journeys/:id/analytics`. */
export type AnalyticsBucket = (typeof analyticsBuckets)[number];

export const analyticsQuery = z.strictObject({
  version: versionParam,
  from: z.iso.datetime({ offset: true, message: 'from must be an ISO instant' }).optional(),
  to: z.iso.datetime({ offset: true, message: 'to must be an ISO instant' }).optional(),
  bucket: z.enum(analyticsBuckets).optional(),
  nodeId: z.string().min(1).optional(),
  split: z.string().min(1).optional(),
  arm: z.string().min(1).optional(),
});

export const experimentsQuery = z.strictObject({ version: versionParam });

export const analyticsPoint = z.object({
  /** Start of the bucket (ISO, UTC). */
  t: instant,
  entries: count,
  conversions: count,
  /** First opens and first clicks of the journey's messages in the bucket. */
  opened: count,
  clicked: count,
  /** Messages created in the bucket, per channel and current outbox status. */
  sends: z.record(z.string(), z.record(z.string(), count)),
});

export const funnelSteps = ['entered', 'sent', 'opened', 'clicked', 'converted'] as const;

/** `GET /api/journeys/:id/analytics`: what the designer's analytics page charts (the engine computes it). */
export const journeyAnalytics = z.object({
  version: z.int().positive(),
  bucket: z.enum(analyticsBuckets),
  from: instant,
  to: instant,
  points: z.array(analyticsPoint),
  /** Totals over the range: entries, messages sent (handed to a provider), opened, clicked, converted entries. */
  funnel: z.array(z.object({ step: z.enum(funnelSteps), count })),
});

export type AnalyticsPoint = z.infer<typeof analyticsPoint>;
export type FunnelStep = (typeof funnelSteps)[number];
export type JourneyAnalytics = z.infer<typeof journeyAnalytics>;
