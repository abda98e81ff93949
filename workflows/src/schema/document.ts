import { z } from 'zod';
import { journeySettings } from './settings.js';

const position = z.object({ x: z.number(), y: z.number() });

/** A node as the designer saves it; `data` is checked against its type's schema by the compiler. */
export const journeyNode = z.object({
  id: z.string().min(1, 'a node needs an id').max(128),
  type: z.string().min(1, 'a node needs a type'),
  data: z.unknown().default({}),
  position: position.optional(),
});

export const journeyEdge = z.object({
  id: z.string().optional(),
  source: z.string().min(1),
  /** The output of the source node; `next` for nodes with one output. */
  sourceHandle: z
    .string()
    .min(1)
    .nullish()
    .transform((handle) => handle ?? 'next'),
  target: z.string().min(1),
});

export const journeyDocument = z.object({
  name: z.string().trim().min(1, 'name the journey').max(200),
  graph: z.object({ nodes: z.array(journeyNode), edges: z.array(journeyEdge) }),
  settings: journeySettings.default(journeySettings.parse({})),
});

export type JourneyNode = z.infer<typeof journeyNode>;
export type JourneyEdge = z.infer<typeof journeyEdge>;
/** A journey document after parsing (defaults applied). */
export type JourneyDocument = z.infer<typeof journeyDocument>;
/** A journey document as written (defaults optional). */
export type JourneyDocumentInput = z.input<typeof journeyDocument>;
