import stringify from 'fast-json-stable-stringify';
import { DateTime, Duration } from 'luxon';
import type {
  AttrCondition,
  AttrOperator,
  Condition,
  MessageCondition,
  PerformedCondition,
} from '../schema/condition.js';
import { getPath } from '../util/hash.js';
import type { ConditionContext } from './context.js';

/** Conditions on data the context does not carry (event history, message engagement): the driver answers them. */
export type DataCondition = PerformedCondition | MessageCondition;
/** Answers to data conditions, keyed by `dataConditionKey`. */
export type DataAnswers = Record<string, boolean>;

export const isDataCondition = (condition: Condition): condition is DataCondition =>
  'performed' in condition || 'message' in condition;

/** The statuses that satisfy an engagement condition: a click implies the message was opened and delivered. */
export const statusesImplying: Record<MessageCondition['status'], readonly string[]> = {
  delivered: ['delivered', 'read', 'opened', 'clicked'],
  opened: ['opened', 'clicked'],
  clicked: ['clicked'],
};

/** Stable key for a data condition, so the same sub-condition is asked once and answered by key. */
export const dataConditionKey = (condition: DataCondition): string => stringify(condition);

/** Every data condition inside `condition`, deduplicated by key. */
export function dataConditionsOf(condition: Condition | undefined): DataCondition[] {
  const found = new Map<string, DataCondition>();
  const walk = (c: Condition): void => {
    if ('all' in c) c.all.forEach(walk);
    else if ('any' in c) c.any.forEach(walk);
    else if ('not' in c) walk(c.not);
    else if (isDataCondition(c)) found.set(dataConditionKey(c), c);
  };
  if (condition) walk(condition);
  return [...found.values()];
}

/** Whether an event count satisfies a `performed` condition's `count` (default: at least once). */
export function countSatisfies(count: number, condition: PerformedCondition): boolean {
  const { op, value } = condition.count ?? { op: 'gte', value: 1 };
  return { eq: count === value, gt: count > value, gte: count >= value, lt: count < value, lte: count <= value }[op];
}

export class MissingAnswerError extends Error {
  constructor(readonly condition: DataCondition) {
    super(`no answer for data condition ${dataConditionKey(condition)}`);
  }
}

/** Evaluates a condition against the context; data conditions come from `answers`. */
export function evaluateCondition(condition: Condition, context: ConditionContext, answers: DataAnswers = {}): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, context, answers));
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, context, answers));
  if ('not' in condition) return !evaluateCondition(condition.not, context, answers);
  if (isDataCondition(condition)) {
    const answer = answers[dataConditionKey(condition)];
    if (answer === undefined) throw new MissingAnswerError(condition);
    return answer;
  }
  return evaluateAttr(condition, context);
}

function evaluateAttr({ attr, op, value, valueFrom }: AttrCondition, context: ConditionContext): boolean {
  return compare(
    op,
    getPath(context, attr),
    valueFrom === undefined ? value : getPath(context, valueFrom),
    context.now,
  );
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Epoch ms of an ISO date string or Date; undefined for anything else. */
export function toInstant(value: unknown): number | undefined {
  if (value instanceof Date) return value.getTime();
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/**
 * Orders two values by the most specific type both share: numbers (numeric strings count),
 * then ISO dates, then strings. Undefined when they cannot be ordered.
 */
function order(actual: unknown, expected: unknown): number | undefined {
  const [a, b] = [toNumber(actual), toNumber(expected)];
  if (a !== undefined && b !== undefined) return a - b;
  const [da, db] = [toInstant(actual), toInstant(expected)];
  if (da !== undefined && db !== undefined) return da - db;
  if (typeof actual === 'string' && typeof expected === 'string')
    return actual < expected ? -1 : actual > expected ? 1 : 0;
  return undefined;
}

function equals(actual: unknown, expected: unknown): boolean {
  if (typeof actual === 'boolean' || typeof expected === 'boolean') return actual === expected;
  const ordered = order(actual, expected);
  if (ordered !== undefined) return ordered === 0;
  return stringify(actual) === stringify(expected);
}

/**
 * Missing values (undefined or null) satisfy only `notExists`, `neq` and `nin`: "plan is not gold"
 * holds for a profile without a plan, and nothing else can be said about it.
 */
export function compare(op: AttrOperator, actual: unknown, expected: unknown, now: string): boolean {
  const missing = actual === undefined || actual === null;
  if (op === 'exists') return !missing;
  if (op === 'notExists') return missing;
  if (missing) return op === 'neq' || op === 'nin';
  switch (op) {
    case 'eq':
      return equals(actual, expected);
    case 'neq':
      return !equals(actual, expected);
    case 'in':
      return Array.isArray(expected) && expected.some((item) => equals(actual, item));
    case 'nin':
      return Array.isArray(expected) && !expected.some((item) => equals(actual, item));
    case 'gt':
      return (order(actual, expected) ?? NaN) > 0;
    case 'gte':
      return (order(actual, expected) ?? NaN) >= 0;
    case 'lt':
      return (order(actual, expected) ?? NaN) < 0;
    case 'lte':
      return (order(actual, expected) ?? NaN) <= 0;
    case 'contains':
      if (Array.isArray(actual)) return actual.some((item) => equals(item, expected));
      return typeof actual === 'string' && typeof expected === 'string' && actual.includes(expected);
    case 'startsWith':
      return typeof actual === 'string' && typeof expected === 'string' && actual.startsWith(expected);
    case 'before':
    case 'after': {
      const [a, b] = [toInstant(actual), toInstant(expected)];
      if (a === undefined || b === undefined) return false;
      return op === 'before' ? a < b : a > b;
    }
    case 'withinLast': {
      const at = toInstant(actual);
      const window = typeof expected === 'string' ? Duration.fromISO(expected) : undefined;
      if (at === undefined || !window?.isValid) return false;
      // Calendar-aware: "P1M" before Mar 31 is Feb 28/29, not 30 days.
      const end = DateTime.fromISO(now, { zone: 'utc' });
      return at <= end.toMillis() && at >= end.minus(window).toMillis();
    }
  }
}
