import { z } from 'zod';
import type { ExperimentsReport } from '../experiments/report.js';

const count = z.int().min(0);
const rate = z.number();
const interval = z.tuple([z.number(), z.number()]);
const group = z.object({ entered: count, converted: count, rate });

/** `GET /api/journeys/:id/experiments` (formulas in docs/experiments.md). */
export const experimentsReport = z.object({
  version: z.int().positive(),
  splits: z.array(
    z.object({
      nodeId: z.string(),
      mode: z.enum(['fixed', 'optimize']),
      arms: z.array(group.extend({ id: z.string(), ci95: interval, probabilityBest: rate })),
      winner: z.string().nullable(),
      decided: z.boolean(),
    }),
  ),
  holdout: z
    .object({
      percent: z.number(),
      control: group,
      treatment: group,
      uplift: z.object({ abs: z.number(), rel: z.number().nullable(), ci95: interval }),
    })
    .nullable(),
}) satisfies z.ZodType<ExperimentsReport>;

/** `POST /api/journeys/:id/experiments/:nodeId/winner`. */
export const winnerBody = z.object({ arm: z.string().min(1, 'name the winning arm') });
export const winnerResult = z.object({
  version: z.int().positive(),
  revision: z.int(),
  nodeId: z.string(),
  arm: z.string(),
});
