import { cartReminder, onboarding, replenishment } from '@waymark/workflows';
import { describe, expect, it } from 'vitest';
import { builtinCatalog, stepOf } from './catalog';
import { defaultData } from './default-data';
import { describeDuration, formatDuration, parseDuration } from './duration';
import { outputsOf } from './outputs';
import { summarize } from './summary';

const nodeOf = (journey: { graph: { nodes: readonly { id: string; type: string; data: unknown }[] } }, id: string) => {
  const node = journey.graph.nodes.find((candidate) => candidate.id === id)!;
  return { type: node.type, data: node.data as Record<string, unknown> };
};
const summaryOf = (journey: Parameters<typeof nodeOf>[0], id: string) => {
  const { type, data } = nodeOf(journey, id);
  return summarize(type, data);
};

describe('durations', () => {
  it.each([
    ['P2D', { amount: 2, unit: 'days' }, '2 days'],
    ['PT30M', { amount: 30, unit: 'minutes' }, '30 minutes'],
    ['PT1H', { amount: 1, unit: 'hours' }, '1 hour'],
    ['P7M', { amount: 7, unit: 'months' }, '7 months'],
    ['P1W', { amount: 1, unit: 'weeks' }, '1 week'],
    ['P1Y', { amount: 1, unit: 'years' }, '1 year'],
  ] as const)('%s is %j, "%s"', (iso, parsed, text) => {
    expect(parseDuration(iso)).toEqual(parsed);
    expect(formatDuration(parsed)).toBe(iso);
    expect(describeDuration(iso)).toBe(text);
  });

  it('leaves compound durations as written', () => {
    expect(parseDuration('P1DT2H')).toBeUndefined();
    expect(describeDuration('P1DT2H')).toBe('P1DT2H');
    expect(describeDuration(undefined)).toBe('…');
    expect(describeDuration('PT2S')).toBe('2 seconds');
  });
});

describe('node summaries', () => {
  const context = {
    messageLabel: (id: string) => (id === 'welcome' ? '“Welcome aboard”' : id),
    triggerEvent: 'order_completed',
  };

  it('reads like the journey does, every setting in words', () => {
    expect(summaryOf(cartReminder, 'trigger')).toBe('When added_to_cart happens where productId is set');
    expect(summaryOf(cartReminder, 'wait_2d')).toBe('Wait up to 2 days for order_completed');
    expect(summaryOf(cartReminder, 'reminder')).toBe('Push: Still thinking about «name»?');
    expect(summaryOf(cartReminder, 'golden_time')).toBe('Split at random: 2 days 50%, 1 day 50%');
    expect(summaryOf(cartReminder, 'done')).toBe('Leave the journey');
    expect(summaryOf(onboarding, 'settle')).toBe('Wait 3 days');
    expect(summaryOf(onboarding, 'first_order')).toBe('Push: Need a hand?, else Email: Getting started');
    expect(summarize('waitUntil', nodeOf(replenishment, 'cycle').data, context)).toBe(
      'Wait until 10:00 local time, 7 months after the time of order_completed',
    );
  });

  it('says triggers, branches and conditions in words, without operator codes', () => {
    expect(
      summarize('trigger', {
        kind: 'event',
        event: 'added_to_cart',
        where: { attr: 'event.properties.brand', op: 'eq', value: 'acme' },
      }),
    ).toBe('When added_to_cart happens where brand is acme');
    expect(
      summarize('branch', {
        branches: [{ id: 'gold', label: 'Gold', condition: { attr: 'profile.tier', op: 'eq', value: 'gold' } }],
      }),
    ).toBe('If tier is gold → Gold; otherwise → Else');
    const mixed = {
      all: [
        { attr: 'profile.plan', op: 'nin', value: ['free', 'trial'] },
        {
          any: [
            { performed: 'order_completed', count: { op: 'gte', value: 2 }, within: 'P30D' },
            { message: 'welcome', status: 'clicked' },
          ],
        },
      ],
    };
    expect(summarize('branch', { branches: [{ id: 'vip', condition: mixed }] }, context)).toBe(
      'If plan is none of free nor trial and (did order_completed at least 2 times in the last 30 days or clicked “Welcome aboard”) → vip; otherwise → Else',
    );
    expect(
      summarize('branch', {
        branches: [{ id: 'recent', condition: { not: { attr: 'profile.lastSeen', op: 'withinLast', value: 'P7D' } } }],
      }),
    ).toBe('If not (lastSeen is within the last 7 days) → recent; otherwise → Else');
  });

  it('summarises every kind of trigger, wait, update and custom step', () => {
    expect(
      summarize('trigger', { kind: 'segment', condition: { attr: 'profile.plan', op: 'eq', value: 'gold' } }),
    ).toBe('When someone starts matching: plan is gold');
    expect(summarize('trigger', { kind: 'schedule', cron: '0 9 * * 1', timezone: 'Asia/Seoul' })).toBe(
      'On the schedule "0 9 * * 1" (Asia/Seoul), for every profile',
    );
    expect(summarize('trigger', { kind: 'api' })).toBe('When the API enters someone');
    expect(summarize('trigger', { kind: 'event', event: '' })).toBe('When … happens');
    expect(
      summarize('waitUntil', { at: '{{ event.properties.purchasedAt }}', offset: 'P7M', localTime: '10:00' }),
    ).toBe('Wait until 10:00 local time, 7 months after purchasedAt');
    expect(summarize('waitUntil', { days: ['mon', 'tue'], localTime: '09:00' })).toBe(
      'Wait until a Monday or Tuesday, 09:00 local time',
    );
    expect(summarize('updateProfile', { set: { tier: 'gold' }, increment: { orders: 1 }, unset: ['coupon'] })).toBe(
      'Set tier to gold, add 1 to orders, clear coupon',
    );
    expect(summarize('message', { channel: 'email', template: { subject: 'Time for a new case?' } })).toBe(
      'Email: Time for a new case?',
    );
    expect(summarize('message', { channel: 'sms', template: { body: '' } })).toBe('SMS: (empty)');
    expect(
      summarize(
        'custom',
        { step: 'crm_sync', config: { list: 'vip' } },
        { messageLabel: String, stepTitle: 'Sync to CRM' },
      ),
    ).toBe('Run Sync to CRM (list: vip)');
    expect(
      summarize('split', {
        variants: [
          { id: 'a', weight: 50 },
          { id: 'b', weight: 50 },
        ],
        mode: 'optimize',
      }),
    ).toBe('Split, shifting people to the best converter: a 50%, b 50%');
    expect(
      summarize('waitForEvent', {
        events: [
          { id: 'a', event: 'order_completed' },
          { id: 'b', event: 'product_liked' },
        ],
        timeout: 'P2D',
      }),
    ).toBe('Wait up to 2 days for the first of: order_completed → a; product_liked → b');
    expect(summarize('context', { set: { product: { path: 'trigger.properties.productId' }, label: 'x' } })).toBe(
      'Set vars.product, vars.label',
    );
  });

  it('reads a node type it has no words for as its settings', () => {
    expect(summarize('mystery', { name: 'cart', keys: ['a', 'b'] })).toBe('name: cart, keys: a and b');
  });
});

describe('outputs', () => {
  const catalog = [
    ...builtinCatalog(),
    {
      type: 'custom',
      step: 'crm',
      title: 'CRM',
      description: '',
      category: 'custom' as const,
      builtin: false,
      outputs: ['ok', 'failed'],
      schema: {},
    },
  ];

  it('labels one handle per output', () => {
    expect(outputsOf(nodeOf(cartReminder, 'golden_time'), catalog)).toEqual([
      { id: 'two_days', label: '2 days · 50%' },
      { id: 'one_day', label: '1 day · 50%' },
    ]);
    expect(outputsOf(nodeOf(cartReminder, 'wait_2d'), catalog).map((o) => o.id)).toEqual(['matched', 'timeout']);
    expect(outputsOf(nodeOf(onboarding, 'progress'), catalog).map((o) => o.label)).toEqual([
      '3+ orders in 30 days',
      'Past 60 days',
      'Ordered at least once',
      'else',
    ]);
    expect(outputsOf({ type: 'exit', data: {} }, catalog)).toEqual([]);
    expect(
      outputsOf(
        {
          type: 'waitForEvent',
          data: {
            events: [
              { id: 'bought', event: 'order_completed' },
              { id: '', event: 'x' },
              { id: 'liked', event: 'product_liked' },
            ],
            timeout: 'P1D',
          },
        },
        catalog,
      ),
    ).toEqual([
      { id: 'bought', label: 'bought' },
      { id: 'liked', label: 'liked' },
      { id: 'timeout', label: 'timeout' },
    ]);
    expect(outputsOf({ type: 'context', data: { set: {} } }, catalog)).toEqual([{ id: 'next', label: '' }]);
    expect(outputsOf({ type: 'delay', data: {} }, catalog)).toEqual([{ id: 'next', label: '' }]);
    expect(outputsOf({ type: 'custom', data: { step: 'crm' } }, catalog).map((o) => o.id)).toEqual(['ok', 'failed']);
  });

  it('skips half-typed entries instead of failing', () => {
    expect(outputsOf({ type: 'branch', data: { branches: [{ id: '' }, { id: 'vip' }] } }, catalog)).toEqual([
      { id: 'vip', label: 'vip' },
      { id: 'else', label: 'else' },
    ]);
    expect(outputsOf({ type: 'split', data: {} }, catalog)).toEqual([]);
  });
});

describe('catalog', () => {
  it("lists every built-in node type but the generic custom one, and finds a node's step", () => {
    expect(builtinCatalog().map((info) => info.type)).toEqual([
      'trigger',
      'delay',
      'waitUntil',
      'waitForEvent',
      'context',
      'branch',
      'split',
      'message',
      'updateProfile',
      'exit',
    ]);
    expect(stepOf(builtinCatalog(), { type: 'message' })?.title).toBe('Message');
  });

  it('starts new nodes with data that shows what to fill in', () => {
    expect(defaultData({ type: 'waitForEvent' })).toEqual({ event: '', timeout: 'P2D' });
    expect(defaultData({ type: 'custom', step: 'crm' })).toEqual({ step: 'crm', config: {} });
  });
});
