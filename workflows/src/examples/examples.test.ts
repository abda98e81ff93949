import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/compile.js';
import { assignVariant } from '../interpreter/split.js';
import { simulate } from '../simulator/simulate.js';
import { cartReminder, exampleJourneys, onboarding, replenishment } from './index.js';

const device = [{ platform: 'fcm', token: 'tok' }];

describe('example journeys', () => {
  it.each(exampleJourneys.map((journey) => [journey.name, journey] as const))(
    '%s compiles without errors or warnings',
    (_name, journey) => {
      const result = compile(journey);
      expect(result.errors).toEqual([]);
      expect(result.warnings).toEqual([]);
    },
  );
});

describe('cart reminder', () => {
  const trigger = {
    name: 'added_to_cart',
    timestamp: '2027-03-01T09:00:00.000Z',
    properties: { productId: 'p1', name: 'Tablet case', url: 'https://shop.example.com/p/p1' },
  };
  const ir = compile(cartReminder, { journey: { id: 'cart', version: 1 } });
  if (!ir.ok) throw new Error('example does not compile');
  // Find one user per arm, as the sticky hash assigns them.
  const userIn = (arm: string) =>
    Array.from({ length: 50 }, (_, i) => `user-${i}`).find(
      (u) =>
        assignVariant('cart', 'golden_time', u, [
          { id: 'two_days', weight: 50 },
          { id: 'one_day', weight: 50 },
        ]) === arm,
    )!;

  it('pushes the product name after the 2-day golden time when nobody buys', () => {
    const result = simulate(ir.ir, { profile: { userId: userIn('two_days'), devices: device }, trigger });
    expect(result.steps.map((s) => `${s.nodeId}:${s.outcome}`)).toEqual([
      'trigger:entered',
      'golden_time:two_days',
      'wait_2d:timeout',
      'reminder:sent:push',
      'done:exit',
    ]);
    expect(result.messages).toEqual([
      {
        nodeId: 'reminder',
        at: '2027-03-03T09:00:00.000Z',
        channel: 'push',
        rendered: {
          title: 'Still thinking about Tablet case?',
          body: 'It is still in your cart. Tablet case is waiting for you.',
          url: 'https://shop.example.com/p/p1',
        },
      },
    ]);
    expect(result.end).toEqual({ reason: 'exit', at: '2027-03-03T09:00:00.000Z', nodeId: 'done' });
  });

  it('waits only one day in the other arm', () => {
    const result = simulate(ir.ir, { profile: { userId: userIn('one_day'), devices: device }, trigger });
    expect(result.messages[0]?.at).toBe('2027-03-02T09:00:00.000Z');
  });

  it('sends nothing and converts when the order comes within the golden time', () => {
    const result = simulate(ir.ir, {
      profile: { userId: userIn('two_days'), devices: device },
      trigger,
      events: [{ name: 'order_completed', timestamp: '2027-03-02T20:00:00.000Z', properties: { productId: 'p1' } }],
    });
    expect(result.messages).toEqual([]);
    expect(result.conversions).toEqual([
      {
        at: '2027-03-02T20:00:00.000Z',
        event: 'order_completed',
        variant: { nodeId: 'golden_time', variantId: 'two_days' },
      },
    ]);
    expect(result.end.reason).toBe('goal');
  });

  it('does not count a purchase after the journey has ended', () => {
    const result = simulate(ir.ir, {
      profile: { userId: userIn('two_days'), devices: device },
      trigger,
      events: [{ name: 'order_completed', timestamp: '2027-03-05T08:00:00.000Z' }],
    });
    expect(result.end.reason).toBe('exit');
    expect(result.conversions).toEqual([]);
  });
});

describe('replenishment', () => {
  const ir = compile(replenishment, { journey: { id: 'replenish', version: 1 } });
  if (!ir.ok) throw new Error('example does not compile');
  const trigger = {
    name: 'order_completed',
    timestamp: '2027-01-31T14:20:00.000Z',
    properties: {
      category: 'tablet-case',
      name: 'Slim tablet case',
      url: 'https://shop.example.com/p/slim-tablet-case',
    },
  };

  it('reminds 7 months after purchase at 10:00 local time, naming and linking the product bought', () => {
    const result = simulate(ir.ir, { profile: { userId: 'u1', timezone: 'Asia/Seoul', devices: device }, trigger });
    // Jan 31 23:20 in Seoul + 7 months = Aug 31 23:20 -> next 10:00 local is Sep 1 10:00 KST = 01:00Z.
    expect(result.messages).toEqual([
      {
        nodeId: 'reminder',
        at: '2027-09-01T01:00:00.000Z',
        channel: 'push',
        rendered: {
          title: 'Time for a new case?',
          body: 'Your Slim tablet case is 7 months old. Here is the same one, fresh.',
          url: 'https://shop.example.com/p/slim-tablet-case',
        },
      },
    ]);
  });

  it('falls back to email for someone without a device, in the journey zone when the profile has none', () => {
    const result = simulate(ir.ir, { profile: { userId: 'u2', email: 'u2@example.com', first_name: 'Mina' }, trigger });
    expect(result.messages[0]).toMatchObject({
      channel: 'email',
      at: '2027-09-01T01:00:00.000Z',
      rendered: { subject: 'Time for a new Slim tablet case?' },
    });
    expect((result.messages[0]?.rendered as { html: string }).html).toContain(
      'Hi Mina, your <a href="https://shop.example.com/p/slim-tablet-case">',
    );
  });

  it('sends the coupon when they browse but do not buy', () => {
    const result = simulate(ir.ir, {
      profile: { userId: 'u3', email: 'u3@example.com' },
      trigger,
      events: [{ name: 'product_viewed', timestamp: '2027-09-02T03:00:00.000Z' }],
    });
    expect(result.steps.map((s) => `${s.nodeId}:${s.outcome}`)).toEqual([
      'trigger:entered',
      'cycle:waited',
      'reminder:sent:email',
      'browsed:matched',
      'bought:timeout',
      'coupon:sent:email',
      'end:exit',
    ]);
    expect(result.messages[1]).toMatchObject({
      nodeId: 'coupon',
      at: '2027-09-04T03:00:00.000Z',
      rendered: { subject: 'Did you like it? Here is 10% off' },
    });
  });
});

describe('onboarding', () => {
  const ir = compile(onboarding, { journey: { id: 'onboarding', version: 1 } });
  if (!ir.ok) throw new Error('example does not compile');
  const trigger = { name: 'signed_up', timestamp: '2027-05-01T00:00:00.000Z', properties: {} };
  const order = (day: number) => ({
    name: 'order_completed',
    timestamp: `2027-05-${String(day).padStart(2, '0')}T12:00:00.000Z`,
  });

  it('nudges by progress each week and exits when the third order forms the habit', () => {
    const result = simulate(ir.ir, {
      profile: { userId: 'n1', devices: device },
      trigger,
      events: [order(2), order(6), order(12)],
    });
    const branchOutcomes = result.steps
      .filter((s) => s.nodeId === 'progress')
      .map((s) => `${s.at.slice(0, 10)}:${s.outcome}`);
    expect(branchOutcomes).toEqual(['2027-05-04:started', '2027-05-11:started', '2027-05-18:habit']);
    expect(result.end).toMatchObject({ reason: 'exit', nodeId: 'formed' });
    expect(result.conversions).toEqual([
      { at: '2027-05-02T12:00:00.000Z', event: 'order_completed', messageNodeId: 'welcome' },
    ]);
  });

  it('helps with the first order, by email when push is not possible, and stops after 60 days', () => {
    const result = simulate(ir.ir, { profile: { userId: 'n2', email: 'n2@example.com' }, trigger });
    expect(result.messages.filter((m) => m.nodeId === 'first_order').every((m) => m.channel === 'email')).toBe(true);
    expect(result.end).toMatchObject({ reason: 'exit', nodeId: 'formed' });
    const last = result.steps.filter((s) => s.nodeId === 'progress').at(-1)!;
    expect(last.outcome).toBe('expired');
    expect(Date.parse(last.at) - Date.parse(trigger.timestamp)).toBeGreaterThan(60 * 86_400_000);
  });

  it('counts orders from before entry given as history', () => {
    const result = simulate(ir.ir, {
      profile: { userId: 'n3', devices: device },
      trigger,
      answers: {
        history: {
          order_completed: [
            order(1),
            { name: 'order_completed', timestamp: '2027-04-20T00:00:00.000Z' },
            { name: 'order_completed', timestamp: '2027-04-25T00:00:00.000Z' },
          ],
        },
      },
    });
    expect(result.steps.find((s) => s.nodeId === 'progress')?.outcome).toBe('habit');
  });
});
