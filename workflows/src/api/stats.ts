import { z } from 'zod';
import { positiveIntParam } from './common.js';

const count = z.int().min(0);

export const statsQuery = z.strictObject({ version: positiveIntParam.optional() });

/** `GET /api/journeys/:id/stats`: what the designer's overlay draws (the engine computes it). */
export const journeyStats = z.object({
  version: z.int().positive().nullable(),
  /** Per node: entries that reached it, are waiting there now, and ended there. */
  nodes: z.record(z.string(), z.object({ entered: count, waiting: count, exited: count })),
  /** Per edge taken: how many moved along it. */
  edges: z.array(z.object({ from: z.string(), handle: z.string(), to: z.string(), count })),
  /** Per message node: count per outbox status (sent, delivered, opened, ...) and skip/fail reasons under `reasons`. */
  messages: z.record(z.string(), z.object({ reasons: z.record(z.string(), count) }).catchall(count)),
  conversions: z.object({
    total: count,
    byVariant: z.record(z.string(), count),
    byMessage: z.record(z.string(), count),
  }),
  /** The journey's headline numbers: people who entered, are in it now, and converted. */
  totals: z.object({ entered: count, active: count, converted: count }),
});

export type JourneyStats = z.infer<typeof journeyStats>;
