import { z } from 'zod';
import { isoDuration } from './duration.js';

export const attrOperators = [
  'eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'contains', 'startsWith', 'exists', 'notExists', 'before', 'after', 'withinLast',
] as const;
export type AttrOperator = (typeof attrOperators)[number];

export const countOperators = ['eq', 'gt', 'gte', 'lt', 'lte'] as const;
export const engagementStatuses = ['delivered', 'opened', 'clicked'] as const;

export type AttrCondition = { attr: string; op: AttrOperator; value?: unknown };
export type PerformedCondition = {
  performed: string;
  where?: Condition;
  count?: { op: (typeof countOperators)[number]; value: number };
  within?: string;
};
export type MessageCondition = { message: string; status: (typeof engagementStatuses)[number] };
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | AttrCondition
  | PerformedCondition
  | MessageCondition;

/** `profile.*` or `event.*` (the triggering event), as DESIGN.md §3 says. */
const attrPath = z.string().regex(/^(profile|event)\.[\w$-]+(\.[\w$-]+)*$/, 'must be a path starting with "profile." or "event."');

const attr = z
  .strictObject({ attr: attrPath, op: z.enum(attrOperators), value: z.unknown().optional() })
  .superRefine((condition, ctx) => {
    const needsValue = condition.op !== 'exists' && condition.op !== 'notExists';
    if (needsValue && condition.value === undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: `operator "${condition.op}" needs a value` });
    if ((condition.op === 'in' || condition.op === 'nin') && condition.value !== undefined && !Array.isArray(condition.value)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `operator "${condition.op}" needs a list of values` });
    }
    if (condition.op === 'withinLast' && condition.value !== undefined && !isoDuration.safeParse(condition.value).success) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'operator "withinLast" needs an ISO-8601 duration such as P30D' });
    }
  });

export const condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(condition).min(1, 'list at least one condition') }),
    z.strictObject({ any: z.array(condition).min(1, 'list at least one condition') }),
    z.strictObject({ not: condition }),
    attr,
    z.strictObject({
      performed: z.string().min(1, 'name the event'),
      where: condition.optional(),
      count: z.strictObject({ op: z.enum(countOperators), value: z.number().int().min(0) }).optional(),
      within: isoDuration.optional(),
    }),
    z.strictObject({ message: z.string().min(1, 'name the message node'), status: z.enum(engagementStatuses) }),
  ]),
);
