import { describe, expect, it } from 'vitest';
import type { Condition } from '../schema/condition.js';
import type { ConditionContext } from './context.js';
import { dataConditionKey, dataConditionsOf, evaluateCondition, MissingAnswerError } from './evaluate.js';

const context: ConditionContext = {
  profile: {
    userId: 'u1',
    plan: 'gold',
    orders: 3,
    score: '42',
    tags: ['vip', 'early'],
    email: 'ann@shop.example',
    lastSeen: '2027-03-09T10:00:00Z',
    optedOut: false,
    nothing: null,
  },
  event: {
    name: 'added_to_cart',
    properties: { price: 120, brand: 'Acme', addedAt: '2027-03-10T08:00:00+09:00' },
    timestamp: '2027-03-09T23:00:00.000Z',
  },
  now: '2027-03-10T00:00:00.000Z',
};
const check = (condition: Condition) => evaluateCondition(condition, context);

describe('attr operators', () => {
  it.each<[string, Condition, boolean]>([
    ['eq string', { attr: 'profile.plan', op: 'eq', value: 'gold' }, true],
    ['eq number vs numeric string', { attr: 'profile.score', op: 'eq', value: 42 }, true],
    ['eq boolean is strict', { attr: 'profile.optedOut', op: 'eq', value: 'false' }, false],
    [
      'eq same instant in other offsets',
      { attr: 'event.properties.addedAt', op: 'eq', value: '2027-03-09T23:00:00Z' },
      true,
    ],
    ['neq', { attr: 'profile.plan', op: 'neq', value: 'silver' }, true],
    ['gt number', { attr: 'event.properties.price', op: 'gt', value: 100 }, true],
    ['gt numeric string', { attr: 'profile.score', op: 'gt', value: 9 }, true],
    ['gte equal', { attr: 'profile.orders', op: 'gte', value: 3 }, true],
    ['lt', { attr: 'profile.orders', op: 'lt', value: 3 }, false],
    ['lte', { attr: 'profile.orders', op: 'lte', value: 3 }, true],
    ['gt on dates', { attr: 'profile.lastSeen', op: 'gt', value: '2027-03-01' }, true],
    ['gt strings lexicographic', { attr: 'profile.plan', op: 'gt', value: 'bronze' }, true],
    ['gt incomparable', { attr: 'profile.tags', op: 'gt', value: 1 }, false],
    ['in', { attr: 'profile.plan', op: 'in', value: ['silver', 'gold'] }, true],
    ['in numbers as strings', { attr: 'profile.score', op: 'in', value: [41, 42] }, true],
    ['nin', { attr: 'profile.plan', op: 'nin', value: ['silver'] }, true],
    ['contains in a list', { attr: 'profile.tags', op: 'contains', value: 'vip' }, true],
    ['contains in a string', { attr: 'profile.email', op: 'contains', value: '@shop.' }, true],
    ['startsWith', { attr: 'event.properties.brand', op: 'startsWith', value: 'Ac' }, true],
    ['exists', { attr: 'profile.email', op: 'exists' }, true],
    ['notExists', { attr: 'profile.phone', op: 'notExists' }, true],
    ['before', { attr: 'profile.lastSeen', op: 'before', value: '2027-03-10T00:00:00Z' }, true],
    ['after', { attr: 'profile.lastSeen', op: 'after', value: '2027-03-10T00:00:00Z' }, false],
    ['withinLast inside', { attr: 'profile.lastSeen', op: 'withinLast', value: 'P1D' }, true],
    ['withinLast outside', { attr: 'profile.lastSeen', op: 'withinLast', value: 'PT12H' }, false],
    ['before with a non-date', { attr: 'profile.plan', op: 'before', value: '2027-01-01' }, false],
  ])('%s', (_name, condition, expected) => expect(check(condition)).toBe(expected));

  it.each<[string, boolean]>([
    ['eq', false],
    ['gt', false],
    ['in', false],
    ['contains', false],
    ['before', false],
    ['withinLast', false],
    ['exists', false],
    ['neq', true],
    ['nin', true],
    ['notExists', true],
  ])('a missing path satisfies %s: %s', (op, expected) => {
    const value = op === 'in' || op === 'nin' ? ['x'] : op === 'withinLast' ? 'P1D' : 'x';
    expect(check({ attr: 'profile.missing.deeper', op, value } as Condition)).toBe(expected);
    expect(check({ attr: 'profile.nothing', op, value } as Condition)).toBe(expected);
  });
});

describe('composition and data conditions', () => {
  const performed: Condition = { performed: 'order_completed', count: { op: 'gte', value: 3 }, within: 'P30D' };
  const clicked: Condition = { message: 'push1', status: 'clicked' };

  it('combines all, any and not', () => {
    expect(
      check({
        all: [
          { attr: 'profile.plan', op: 'eq', value: 'gold' },
          { not: { attr: 'profile.orders', op: 'gt', value: 5 } },
        ],
      }),
    ).toBe(true);
    expect(
      check({
        any: [
          { attr: 'profile.plan', op: 'eq', value: 'silver' },
          { attr: 'profile.orders', op: 'gt', value: 5 },
        ],
      }),
    ).toBe(false);
  });

  it('collects data conditions once each and evaluates them from answers', () => {
    const condition: Condition = { any: [{ all: [performed, clicked] }, { not: performed }] };
    expect(dataConditionsOf(condition)).toEqual([performed, clicked]);
    const answers = { [dataConditionKey(performed)]: true, [dataConditionKey(clicked)]: false };
    expect(evaluateCondition(condition, context, answers)).toBe(false);
    expect(evaluateCondition(condition, context, { ...answers, [dataConditionKey(clicked as never)]: true })).toBe(
      true,
    );
  });

  it('refuses to guess a data condition without an answer', () => {
    expect(() => check(performed)).toThrow(MissingAnswerError);
  });

  it('keys data conditions by content, not key order', () => {
    expect(dataConditionKey({ performed: 'a', within: 'P1D' })).toBe(
      dataConditionKey({ within: 'P1D', performed: 'a' }),
    );
  });
});
