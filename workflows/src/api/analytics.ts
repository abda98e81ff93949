/** Bucket sizes of `GET /api/journeys/:id/analytics`. */
export type AnalyticsBucket = 'hour' | 'day';

export interface AnalyticsPoint {
  /** Start of the bucket (ISO, UTC). */
  t: string;
  entries: number;
  conversions: number;
  /** First opens and first clicks of the journey's messages in the bucket. */
  opened: number;
  clicked: number;
  /** Messages created in the bucket, per channel and current outbox status. */
  sends: Record<string, Record<string, number>>;
}

export type FunnelStep = 'entered' | 'sent' | 'opened' | 'clicked' | 'converted';

/** `GET /api/journeys/:id/analytics`: what the designer's analytics page charts (the engine computes it). */
export interface JourneyAnalytics {
  version: number;
  bucket: AnalyticsBucket;
  from: string;
  to: string;
  points: AnalyticsPoint[];
  /** Totals over the range: entries, messages sent (handed to a provider), opened, clicked, converted entries. */
  funnel: { step: FunnelStep; count: number }[];
}
