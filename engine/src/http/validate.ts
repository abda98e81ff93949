import type { z } from 'zod';
import { ApiError } from './errors.js';

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `batch.3.event`. */
  field: string;
  message: string;
}

/** Parses `input` or throws a 400 whose message names the first offending field and whose details list all. */
export function parseOr400<S extends z.ZodType>(schema: S, input: unknown, what = 'request body'): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues: FieldIssue[] = result.error.issues.map((issue) => ({ field: issue.path.join('.') || '(root)', message: issue.message }));
  const first = issues[0]!;
  throw new ApiError(400, 'invalid_request', `Invalid ${what}: ${first.field}: ${first.message}`, { issues });
}
