import { z } from 'zod';
import { stepCategories } from '../steps/registry.js';

/** One palette entry of `GET /api/steps`: a node type, or a custom step (`type: custom` with its `step` name). */
export const stepInfo = z.object({
  type: z.string(),
  step: z.string().optional(),
  title: z.string(),
  description: z.string(),
  category: z.enum(stepCategories),
  builtin: z.boolean(),
  /** Declared outputs of a custom step (built-ins derive theirs from their data). */
  outputs: z.array(z.string()).optional(),
  /** JSON Schema of the node's `data` (built-ins) or of the custom step's `config`. */
  schema: z.record(z.string(), z.unknown()),
});
export const stepsList = z.object({ steps: z.array(stepInfo) });

export type StepInfo = z.infer<typeof stepInfo>;
