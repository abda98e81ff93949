import { z } from 'zod';

/**
 * What a draft save must look like. Deliberately loose inside nodes: the designer autosaves
 * half-finished journeys, and the full document schema applies at validate and publish.
 */
const graph = z.object({
  nodes: z.array(z.looseObject({ id: z.string().min(1), type: z.string().min(1) })).max(5_000),
  edges: z.array(z.looseObject({ source: z.string().min(1), target: z.string().min(1) })).max(20_000),
});

export const createDraftBody = z.object({
  name: z.string().trim().min(1, 'name is required').max(200),
  graph: graph.default({ nodes: [], edges: [] }),
  settings: z.record(z.string(), z.unknown()).default({}),
});

export const updateDraftBody = createDraftBody.extend({
  /** The revision the client edited; a stale one gets 409 (another tab saved in between). */
  revision: z.number().int().positive(),
});

export type DraftDocument = z.infer<typeof createDraftBody>;
