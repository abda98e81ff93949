import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { ApiError } from './errors.js';

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `batch.3.event`. */
  field: string;
  message: string;
}

/** Zod's issues as field issues; an unknown key is named as the field rather than reported at its parent. */
function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: [...issue.path, key].join('.'), message: 'is not a known field' }))
      : [{ field: issue.path.join('.') || '(root)', message: issue.message }],
  );
}

/** Parses `input` or throws a 400 whose message names the first offending field and whose details list all. */
export function parseOr400<S extends z.ZodType>(schema: S, input: unknown, what = 'request body'): z.infer<S> {
  const result = schema.safeParse(input);
  // NUL reaches no query or document: the store (PostgreSQL under FerretDB) cannot hold it.
  const nul = result.success ? findNul(result.data) : undefined;
  if (result.success && !nul) return result.data;
  const issues = nul ? [nul] : fieldIssues(result.error!);
  const first = issues[0]!;
  throw new ApiError(400, 'invalid_request', `Invalid ${what}: ${first.field}: ${first.message}`, { issues });
}

/** Far beyond any real request; keeps the walk below off the end of the stack. */
const MAX_NESTING = 256;

function findNul(value: unknown, path: (string | number)[] = []): FieldIssue | undefined {
  const at = (inner: (string | number)[]) => inner.join('.') || '(root)';
  if (path.length > MAX_NESTING) return { field: at(path), message: `nested deeper than ${MAX_NESTING} levels` };
  if (typeof value === 'string')
    return value.includes('\0') ? { field: at(path), message: 'must not contain NUL characters' } : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes('\0')) return { field: at([...path, key]), message: 'must not contain NUL characters' };
    const found = findNul(inner, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

/** The query string parsed by a strict schema: unknown or malformed parameters (`userId[$ne]=x`) are a 400. */
export const parseQuery = <S extends z.ZodType>(schema: S, query: unknown): z.infer<S> =>
  parseOr400(schema, query, 'query');

const emptyQuery = z.strictObject({});

/** For routes that take no query parameters: any parameter is a 400 naming it. */
export function noQuery<P>(req: Request<P>, _res: Response, next: NextFunction): void {
  parseQuery(emptyQuery, req.query);
  next();
}
