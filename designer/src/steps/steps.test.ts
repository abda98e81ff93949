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
  });
});

describe('node summaries', () => {
  it('reads like the journey does', () => {
    expect(summaryOf(cartReminder, 'trigger')).toBe('When added_to_cart happens (filtered)');
    expect(summaryOf(cartReminder, 'wait_2d')).toBe('Wait 2 days for order_completed');
    expect(summaryOf(cartReminder, 'reminder')).toBe('Push: Still thinking about {{ event.properties.name }}?');
    expect(summaryOf(cartReminder, 'golden_time')).toBe('A/B split');
    expect(summaryOf(cartReminder, 'done')).toBe('Leave the journey');
    expect(summaryOf(onboarding, 'settle')).toBe('Wait 3 days');
    expect(summaryOf(onboarding, 'progress')).toBe('First matching of 3 paths, else');
    expect(summaryOf(onboarding, 'first_order')).toBe('Push: Need a hand? → Email: Getting started');
  });

  it('summarises every kind of trigger, wait, update and custom step', () => {
    expect(summarize('trigger', { kind: 'segment' })).toBe('When a profile starts matching a segment');
    expect(summarize('trigger', { kind: 'schedule', cron: '0 9 * * 1' })).toBe('On schedule 0 9 * * 1');
    expect(summarize('trigger', { kind: 'api' })).toBe('When the API enters a user');
    expect(summarize('trigger', { kind: 'event', event: '' })).toBe('When … happens');
    expect(summarize('waitUntil', { at: '{{ event.properties.purchasedAt }}', offset: 'P7M', localTime: '10:00' })).toBe('Wait until {{ event.properties.purchasedAt }} + 7 months at 10:00 local time');
    expect(summarize('waitUntil', { days: ['mon', 'tue'], localTime: '09:00' })).toBe('Wait until on mon, tue at 09:00 local time');
    expect(summarize('updateProfile', { set: { tier: 'gold' }, increment: { orders: 1 }, unset: ['coupon'] })).toBe('Update tier, orders, coupon');
    expect(summarize('message', { channel: 'email', template: { subject: 'Time for a new case?' } })).toBe('Email: Time for a new case?');
    expect(summarize('message', { channel: 'sms', template: { body: '' } })).toBe('SMS: (empty)');
    expect(summarize('custom', { step: 'crm_sync', config: {} })).toBe('Run crm_sync');
    expect(summaryOf(replenishment, replenishment.graph.nodes[1]!.id)).toMatch(/^Wait until/);
  });
});

describe('outputs', () => {
  const catalog = [...builtinCatalog(), { type: 'custom', step: 'crm', title: 'CRM', description: '', category: 'custom' as const, builtin: false, outputs: ['ok', 'failed'], schema: {} }];

  it('labels one handle per output', () => {
    expect(outputsOf(nodeOf(cartReminder, 'golden_time'), catalog)).toEqual([{ id: 'two_days', label: '2 days · 50%' }, { id: 'one_day', label: '1 day · 50%' }]);
    expect(outputsOf(nodeOf(cartReminder, 'wait_2d'), catalog).map((o) => o.id)).toEqual(['matched', 'timeout']);
    expect(outputsOf(nodeOf(onboarding, 'progress'), catalog).map((o) => o.label)).toEqual(['3+ orders in 30 days', 'Past 60 days', 'Ordered at least once', 'else']);
    expect(outputsOf({ type: 'exit', data: {} }, catalog)).toEqual([]);
    expect(outputsOf({ type: 'delay', data: {} }, catalog)).toEqual([{ id: 'next', label: '' }]);
    expect(outputsOf({ type: 'custom', data: { step: 'crm' } }, catalog).map((o) => o.id)).toEqual(['ok', 'failed']);
  });

  it('skips half-typed entries instead of failing', () => {
    expect(outputsOf({ type: 'branch', data: { branches: [{ id: '' }, { id: 'vip' }] } }, catalog)).toEqual([{ id: 'vip', label: 'vip' }, { id: 'else', label: 'else' }]);
    expect(outputsOf({ type: 'split', data: {} }, catalog)).toEqual([]);
  });
});

describe('catalog', () => {
  it('lists every built-in node type but the generic custom one, and finds a node\'s step', () => {
    expect(builtinCatalog().map((info) => info.type)).toEqual(['trigger', 'delay', 'waitUntil', 'waitForEvent', 'branch', 'split', 'message', 'updateProfile', 'exit']);
    expect(stepOf(builtinCatalog(), { type: 'message' })?.title).toBe('Message');
  });

  it('starts new nodes with data that shows what to fill in', () => {
    expect(defaultData({ type: 'waitForEvent' })).toEqual({ event: '', timeout: 'P2D' });
    expect(defaultData({ type: 'custom', step: 'crm' })).toEqual({ step: 'crm', config: {} });
  });
});
