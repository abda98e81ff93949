import { z } from 'zod';
import { diagnostic } from './diagnostics.js';
import { storable } from './storable.js';
import { instant, jsonObject } from './common.js';

export const journeyStatuses = ['draft', 'active', 'paused', 'archived'] as const;
export const journeyStatus = z.enum(journeyStatuses);
export type JourneyStatus = z.infer<typeof journeyStatus>;

/**
 * What a draft save must look like. Deliberately loose inside nodes: the designer autosaves
 * half-finished journeys, and the full document schema applies at validate and publish.
 */
const draftNode = z.looseObject({
  id: z.string().min(1),
  type: z.string().min(1),
  data: jsonObject.default({}),
  position: z.object({ x: z.number(), y: z.number() }).optional(),
});
const draftEdge = z.looseObject({
  source: z.string().min(1),
  sourceHandle: z.string().nullish(),
  target: z.string().min(1),
});
const graph = z.object({
  nodes: z.array(draftNode).max(5_000),
  edges: z.array(draftEdge).max(20_000),
});

const draftFields = {
  name: z.string().trim().min(1, 'name is required').max(200),
  graph: graph.default({ nodes: [], edges: [] }),
  settings: jsonObject.default({}),
};

/** `POST /api/journeys`: drafts are stored as they come; keys the store cannot hold (`a.b`, `$x`) are a 400 naming them. */
export const createDraftBody = z.object(draftFields).superRefine(storable);

/** `PUT /api/journeys/:id`: the draft and the revision the client edited; a stale one gets 409 (another tab saved in between). */
export const updateDraftBody = z
  .object({ ...draftFields, revision: z.number().int().positive() })
  .superRefine(storable);

/** A journey document as saved and loaded (the designer's document; the full schema is the language's journeyDocument). */
export type DraftDocument = z.infer<typeof createDraftBody>;

/** `POST /api/journeys/validate`: any document; the compiler reports what is wrong with it. */
export const validateBody = z.unknown();

export const journeySummary = z.object({
  id: z.string(),
  name: z.string(),
  status: journeyStatus,
  version: z.int().positive().nullable(),
  updatedAt: instant,
  entered: z.int().min(0),
  converted: z.int().min(0),
});
export const journeyList = z.object({ journeys: z.array(journeySummary) });

export const journeyCreated = z.object({ id: z.string(), name: z.string(), status: journeyStatus, revision: z.int() });
export const draftSaved = z.object({ id: z.string(), revision: z.int(), status: journeyStatus });

const savedDraft = z.looseObject({
  name: z.string(),
  graph: z.object({ nodes: z.array(draftNode), edges: z.array(draftEdge) }),
  settings: jsonObject,
});

/** `GET /api/journeys/:id`: the draft with its revision (sent back on save for conflict detection). */
export const journeyDetail = z.object({
  id: z.string(),
  name: z.string(),
  status: journeyStatus,
  version: z.int().positive().nullable(),
  revision: z.int(),
  draft: savedDraft,
  updatedAt: instant,
  versions: z.array(z.object({ version: z.int().positive(), publishedAt: instant })),
});

/** `GET /api/journeys/:id/versions/:version`: a published version, read-only. */
export const journeyVersion = z.object({
  version: z.int().positive(),
  publishedAt: instant,
  document: savedDraft,
  /** The compiled IR (workflows/src/ir/types.ts). */
  ir: jsonObject,
});

export const validationResult = z.object({
  ok: z.boolean(),
  errors: z.array(diagnostic),
  warnings: z.array(diagnostic),
});

/** `enterMatching`: segment journeys also enter everyone who matches now, not only those who start matching later. */
export const publishBody = z.object({ enterMatching: z.boolean().optional() });
export const publishResult = z.object({
  version: z.int().positive(),
  warnings: z.array(diagnostic),
  audienceWorkflowId: z.string().optional(),
});

export const statusResult = z.object({ status: journeyStatus });

export const triggerBody = z.object({
  userId: z.string().min(1).max(256),
  data: jsonObject.default({}),
  messageId: z.string().min(1).max(256).optional(),
});
export const triggerResult = z.object({ workflowId: z.string() });

export type JourneySummary = z.infer<typeof journeySummary>;
export type JourneyDetail = z.infer<typeof journeyDetail>;
export type JourneyVersion = z.infer<typeof journeyVersion>;
export type ValidationResult = z.infer<typeof validationResult>;
