import { z } from 'zod';
import { diagnosticCodes, type Diagnostic } from '../compiler/diagnostics.js';

/** A compile error or warning as the API answers it (the compiler's Diagnostic). */
export const diagnostic = z.object({
  code: z.enum(diagnosticCodes),
  message: z.string(),
  nodeId: z.string().optional(),
  handle: z.string().optional(),
  path: z.string().optional(),
}) satisfies z.ZodType<Diagnostic>;
