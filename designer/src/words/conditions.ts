import type { AttrOperator, Condition } from '@waymark/workflows';
import { describeDuration } from '../steps/duration';

/** Operators as a sentence reads them ("plan is gold", "orders is at least 3"). */
export const operatorWords: Record<AttrOperator, string> = {
  eq: 'is',
  neq: 'is not',
  gt: 'is more than',
  gte: 'is at least',
  lt: 'is less than',
  lte: 'is at most',
  in: 'is one of',
  nin: 'is none of',
  contains: 'contains',
  startsWith: 'starts with',
  exists: 'is set',
  notExists: 'is not set',
  before: 'is before',
  after: 'is after',
  withinLast: 'is within the last',
};

/** Count comparisons of "did an event" conditions. */
export const countWords: Record<string, string> = {
  eq: 'exactly',
  gt: 'more than',
  gte: 'at least',
  lt: 'fewer than',
  lte: 'at most',
};

/** Message engagement as a past-tense verb. */
export const engagementWords: Record<string, string> = { delivered: 'received', opened: 'opened', clicked: 'clicked' };

/**
 * A data path as a person names it: `event.properties.brand` -> "brand", `profile.firstName` ->
 * "firstName" (the name they see on profiles), `event.timestamp` -> "the time of <event>".
 */
export function pathWords(path: string, triggerEvent?: string): string {
  if (/^(event|trigger)\.timestamp$/.test(path)) return `the time of ${triggerEvent || 'the entry event'}`;
  if (/^(event|trigger)\.name$/.test(path)) return 'the event name';
  return path.replace(/^(profile|event|trigger)\.(properties\.|traits\.)?/, '') || '…';
}

/** A value as text: lists read "a, b or c"; nothing yet reads "…". */
export function valueWords(value: unknown, joiner = 'or'): string {
  if (value === undefined || value === '') return '…';
  if (Array.isArray(value)) {
    const items = value.map((item) => valueWords(item));
    return items.length <= 1 ? items.join('') || '…' : `${items.slice(0, -1).join(', ')} ${joiner} ${items.at(-1)!}`;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export interface ConditionWordsContext {
  /** How a person recognises a message node (its subject or title). */
  messageLabel: (nodeId: string) => string;
  triggerEvent?: string;
}

/** A condition (docs/journey-language.md#conditions) as a sentence fragment: "tier is gold and did order_completed at least 2 times in the last 30 days". */
export function describeCondition(condition: unknown, context: ConditionWordsContext): string {
  const c = (condition ?? {}) as Record<string, unknown>;
  if (Array.isArray(c.all)) return (c.all as Condition[]).map((inner) => group(inner, context)).join(' and ') || '…';
  if (Array.isArray(c.any)) return (c.any as Condition[]).map((inner) => group(inner, context)).join(' or ') || '…';
  if (c.not !== undefined) return `not (${describeCondition(c.not, context)})`;
  if (typeof c.performed === 'string') {
    const count = c.count as { op: string; value: number } | undefined;
    const times = count
      ? ` ${countWords[count.op] ?? count.op} ${count.value} time${count.value === 1 ? '' : 's'}`
      : '';
    const within = typeof c.within === 'string' ? ` in the last ${describeDuration(c.within)}` : '';
    const where = c.where ? ` where ${describeCondition(c.where, context)}` : '';
    return `did ${c.performed || '…'}${where}${times}${within}`;
  }
  if (typeof c.message === 'string')
    return `${engagementWords[String(c.status)] ?? String(c.status)} ${c.message ? context.messageLabel(c.message) : '…'}`;
  if (typeof c.attr === 'string') {
    const op = c.op as AttrOperator;
    const subject = pathWords(c.attr, context.triggerEvent);
    if (op === 'exists' || op === 'notExists') return `${subject} ${operatorWords[op]}`;
    const value =
      op === 'withinLast' && typeof c.value === 'string'
        ? describeDuration(c.value)
        : valueWords(c.value, op === 'nin' ? 'nor' : 'or');
    return `${subject} ${operatorWords[op] ?? op} ${value}`;
  }
  return '…';
}

/** Nested all/any read with brackets so "a and (b or c)" keeps its meaning. */
function group(condition: Condition, context: ConditionWordsContext): string {
  const text = describeCondition(condition, context);
  return 'all' in condition || 'any' in condition ? `(${text})` : text;
}
