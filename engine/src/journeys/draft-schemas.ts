import { z } from 'zod';
import { storable } from '../http/storable.js';

/**
 * What a draft save must look like. Deliberately loose inside nodes: the designer autosaves
 * half-finished journeys, and the full document schema applies at validate and publish.
 */
const graph = z.object({
  nodes: z.array(z.looseObject({ id: z.string().min(1), type: z.string().min(1) })).max(5_000),
  edges: z.array(z.looseObject({ source: z.string().min(1), target: z.string().min(1) })).max(20_000),
});

const draftFields = {
  name: z.string().trim().min(1, 'name is required').max(200),
  graph: graph.default({ nodes: [], edges: [] }),
  settings: z.record(z.string(), z.unknown()).default({}),
};

/** Drafts are stored as they come: keys the store cannot hold (`a.b`, `$x`) are a 400 naming them. */
export const createDraftBody = z.object(draftFields).superRefine(storable);

export const updateDraftBody = z
  .object({
    ...draftFields,
    /** The revision the client edited; a stale one gets 409 (another tab saved in between). */
    revision: z.number().int().positive(),
  })
  .superRefine(storable);

export type DraftDocument = z.infer<typeof createDraftBody>;
