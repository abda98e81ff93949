import { z } from 'zod';
import { hasLiquid } from '../util/has-liquid.js';
import { isoDuration } from './duration.js';

export const attrOperators = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'nin',
  'contains',
  'startsWith',
  'exists',
  'notExists',
  'before',
  'after',
  'withinLast',
] as const;
export type AttrOperator = (typeof attrOperators)[number];

export const countOperators = ['eq', 'gt', 'gte', 'lt', 'lte'] as const;
export const engagementStatuses = ['delivered', 'opened', 'clicked'] as const;
/** What a message condition (and the simulator's scripted engagement) can ask about a sent message. */
export type EngagementStatus = (typeof engagementStatuses)[number];

/** Compares the value at `attr` with a constant `value`, or with the value at another path `valueFrom`. */
export type AttrCondition = { attr: string; op: AttrOperator; value?: unknown; valueFrom?: string };
export type PerformedCondition = {
  performed: string;
  where?: Condition;
  count?: { op: (typeof countOperators)[number]; value: number };
  within?: string;
};
export type MessageCondition = { message: string; status: EngagementStatus };
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | AttrCondition
  | PerformedCondition
  | MessageCondition;

/** A path into what conditions read: the profile, the event at hand, the entry's trigger, its variables (README, "Journey language"). */
export const attrPath = z
  .string()
  .regex(
    /^(profile|event|trigger|vars)\.[\w$-]+(\.[\w$-]+)*$/,
    'must be a path starting with "profile.", "event.", "trigger." or "vars."',
  );

/** `{{ trigger.properties.id }}` -> `trigger.properties.id`, to suggest the valueFrom that was meant. */
const liquidPath = (text: string): string =>
  /^\{\{\s*([\w.$-]+)\s*\}\}$/.exec(text.trim())?.[1] ?? 'trigger.properties.<name>';

const attr = z
  .strictObject({
    attr: attrPath,
    op: z.enum(attrOperators),
    value: z.unknown().optional(),
    valueFrom: attrPath.optional(),
  })
  .superRefine((condition, ctx) => {
    const needsValue = condition.op !== 'exists' && condition.op !== 'notExists';
    if (condition.value !== undefined && condition.valueFrom !== undefined)
      ctx.addIssue({ code: 'custom', path: ['valueFrom'], message: 'give either value or valueFrom, not both' });
    if (condition.valueFrom !== undefined) return;
    if (needsValue && condition.value === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `operator "${condition.op}" needs a value (or valueFrom, a path to compare with)`,
      });
    // Conditions compare values; a Liquid expression here would be compared as plain text and never match.
    const liquid = [condition.value].flat().find((v): v is string => typeof v === 'string' && hasLiquid(v));
    if (liquid !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `"${liquid}" is Liquid, which conditions do not render (it would be compared as plain text); to compare with another value use "valueFrom": "${liquidPath(liquid)}"`,
      });
      return;
    }
    if (
      (condition.op === 'in' || condition.op === 'nin') &&
      condition.value !== undefined &&
      !Array.isArray(condition.value)
    ) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `operator "${condition.op}" needs a list of values` });
    }
    if (
      condition.op === 'withinLast' &&
      condition.value !== undefined &&
      !isoDuration.safeParse(condition.value).success
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: 'operator "withinLast" needs an ISO-8601 duration such as P30D',
      });
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
