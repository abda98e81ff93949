import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/compile.js';
import { simulate } from './simulate.js';

const at = (iso: string) => `2027-01-0${iso}.000Z`;
const addedToCart = {
  name: 'added_to_cart',
  timestamp: at('1T00:00:00'),
  properties: { productId: 'p1', name: 'Tablet case' },
};
const profile = { userId: 'u', phone: '+15550001', timezone: 'UTC' };

/** The cart reminder: wait two days for an order of the same product, else remind. */
const sameProduct = {
  name: 'Same-product reminder',
  graph: {
    nodes: [
      { id: 'trigger', type: 'trigger', data: { kind: 'event', event: 'added_to_cart' } },
      {
        id: 'wait',
        type: 'waitForEvent',
        data: {
          event: 'order_completed',
          where: { attr: 'event.properties.productId', op: 'eq', valueFrom: 'trigger.properties.productId' },
          timeout: 'P2D',
        },
      },
      {
        id: 'remind',
        type: 'message',
        data: { channel: 'sms', template: { body: '{{ trigger.properties.name }} is still in your cart' } },
      },
      { id: 'bought', type: 'exit', data: {} },
      { id: 'done', type: 'exit', data: {} },
    ],
    edges: [
      { source: 'trigger', target: 'wait' },
      { source: 'wait', sourceHandle: 'matched', target: 'bought' },
      { source: 'wait', sourceHandle: 'timeout', target: 'remind' },
      { source: 'remind', target: 'done' },
    ],
  },
};

describe('trigger paths and valueFrom', () => {
  it('reminds only the user who bought something else', () => {
    const buy = (productId: string) => [
      { name: 'order_completed', timestamp: at('2T00:00:00'), properties: { productId } },
    ];
    const same = simulate(sameProduct, { profile, trigger: addedToCart, events: buy('p1') });
    expect(same.end).toMatchObject({ reason: 'exit', nodeId: 'bought' });
    expect(same.messages).toEqual([]);

    const other = simulate(sameProduct, { profile, trigger: addedToCart, events: buy('p2') });
    expect(other.end).toMatchObject({ reason: 'exit', nodeId: 'done' });
    expect(other.messages).toEqual([
      {
        nodeId: 'remind',
        at: at('3T00:00:00'),
        channel: 'sms',
        rendered: { body: 'Tablet case is still in your cart' },
      },
    ]);
  });

  it('rejects Liquid as a condition value, naming the node and suggesting valueFrom', () => {
    const liquid = structuredClone(sameProduct);
    liquid.graph.nodes[1]!.data = {
      event: 'order_completed',
      where: { attr: 'event.properties.productId', op: 'eq', value: '{{ trigger.properties.productId }}' },
      timeout: 'P2D',
    } as never;
    const result = compile(liquid);
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      expect.objectContaining({
        nodeId: 'wait',
        path: 'where.value',
        message: expect.stringContaining('"valueFrom": "trigger.properties.productId"'),
      }),
    ]);
    expect(result.errors[0]!.message).toMatch(/^Node "wait"/);
  });

  it('rejects value and valueFrom together, and paths outside profile/event/trigger/vars', () => {
    const both = compile({
      ...sameProduct,
      settings: { exitOn: [{ event: 'x', where: { attr: 'event.a', op: 'eq', value: 1, valueFrom: 'trigger.a' } }] },
    });
    expect(both.errors.map((e) => e.message)).toEqual([expect.stringContaining('either value or valueFrom')]);
    const root = compile({
      ...sameProduct,
      settings: { exitOn: [{ event: 'x', where: { attr: 'event.a', op: 'eq', valueFrom: 'journey.id' } }] },
    });
    expect(root.errors.map((e) => e.message)).toEqual([expect.stringContaining('"trigger." or "vars."')]);
  });

  it('reads trigger.* in goals and waitUntil.at for the whole run', () => {
    const journey = {
      name: 'Trigger everywhere',
      graph: {
        nodes: [
          { id: 'trigger', type: 'trigger', data: { kind: 'event', event: 'booked' } },
          { id: 'until', type: 'waitUntil', data: { at: '{{ trigger.properties.startsAt }}' } },
          { id: 'stay', type: 'delay', data: { duration: 'P3D' } },
          { id: 'end', type: 'exit', data: {} },
        ],
        edges: [
          { source: 'trigger', target: 'until' },
          { source: 'until', target: 'stay' },
          { source: 'stay', target: 'end' },
        ],
      },
      settings: {
        goal: {
          event: 'checked_in',
          where: { attr: 'event.properties.booking', op: 'eq', valueFrom: 'trigger.properties.booking' },
        },
      },
    };
    const trigger = {
      name: 'booked',
      timestamp: at('1T00:00:00'),
      properties: { booking: 'b1', startsAt: at('4T12:00:00') },
    };
    const events = [
      { name: 'checked_in', timestamp: at('4T13:00:00'), properties: { booking: 'b0' } },
      { name: 'checked_in', timestamp: at('5T12:00:00'), properties: { booking: 'b1' } },
    ];
    const result = simulate(journey, { profile, trigger, events });
    expect(result.steps.find((s) => s.nodeId === 'until')).toEqual({
      nodeId: 'until',
      at: at('4T12:00:00'),
      outcome: 'waited',
    });
    expect(result.conversions).toEqual([{ at: at('5T12:00:00'), event: 'checked_in' }]);
  });
});

/** A context node setting every kind of value, read by a branch, a template and a wait. */
const withContext = {
  name: 'Context',
  graph: {
    nodes: [
      { id: 'trigger', type: 'trigger', data: { kind: 'event', event: 'added_to_cart' } },
      {
        id: 'ctx',
        type: 'context',
        data: {
          set: {
            product: { path: 'trigger.properties.productId' },
            label: '{{ trigger.properties.name | upcase }} for {{ profile.first_name }}',
            limit: 3,
            urgent: true,
            due: { path: 'trigger.properties.due' },
          },
        },
      },
      {
        id: 'check',
        type: 'branch',
        data: {
          branches: [
            {
              id: 'p1',
              condition: {
                all: [
                  { attr: 'vars.product', op: 'eq', value: 'p1' },
                  { attr: 'vars.limit', op: 'gte', value: 3 },
                ],
              },
            },
          ],
        },
      },
      { id: 'until', type: 'waitUntil', data: { at: '{{ vars.due }}' } },
      {
        id: 'remind',
        type: 'message',
        data: {
          channel: 'sms',
          template: { body: '{{ vars.label }} ({{ vars.product }}, urgent: {{ vars.urgent }})' },
        },
      },
      { id: 'done', type: 'exit', data: {} },
    ],
    edges: [
      { source: 'trigger', target: 'ctx' },
      { source: 'ctx', target: 'check' },
      { source: 'check', sourceHandle: 'p1', target: 'until' },
      { source: 'check', sourceHandle: 'else', target: 'done' },
      { source: 'until', target: 'remind' },
      { source: 'remind', target: 'done' },
    ],
  },
};

describe('context nodes and vars', () => {
  it('sets vars from paths, constants and Liquid, read by branches, templates and waits', () => {
    const trigger = { ...addedToCart, properties: { ...addedToCart.properties, due: at('3T09:00:00') } };
    const result = simulate(withContext, { profile: { ...profile, first_name: 'Ann' }, trigger });
    expect(result.steps.map((s) => `${s.nodeId}:${s.outcome}`)).toEqual([
      'trigger:entered',
      'ctx:set',
      'check:p1',
      'until:waited',
      'remind:sent:sms',
      'done:exit',
    ]);
    expect(result.messages).toEqual([
      {
        nodeId: 'remind',
        at: at('3T09:00:00'),
        channel: 'sms',
        rendered: { body: 'TABLET CASE for Ann (p1, urgent: true)' },
      },
    ]);
  });

  it('rejects bad variable names and unparseable Liquid in a context node', () => {
    const bad = structuredClone(withContext);
    bad.graph.nodes[1]!.data = { set: { 'not a name': 1, ok: '{{ trigger.properties.name | nosuchfilter' } } as never;
    const result = compile(bad);
    expect(result.errors.map((e) => [e.nodeId, e.path])).toEqual([['ctx', 'set.not a name']]);
    bad.graph.nodes[1]!.data = { set: { ok: '{{ trigger.properties.name ' } } as never;
    expect(compile(bad).errors).toEqual([
      expect.objectContaining({ code: 'invalid_liquid', nodeId: 'ctx', path: 'set.ok' }),
    ]);
  });
});

/** Action paths: leave by the first of several events, or timeout. */
const actionPaths = {
  name: 'Action paths',
  graph: {
    nodes: [
      { id: 'trigger', type: 'trigger', data: { kind: 'event', event: 'added_to_cart' } },
      {
        id: 'wait',
        type: 'waitForEvent',
        data: {
          events: [
            {
              id: 'bought',
              event: 'order_completed',
              where: { attr: 'event.properties.productId', op: 'eq', valueFrom: 'trigger.properties.productId' },
            },
            { id: 'liked', event: 'product_liked' },
            { id: 'other', event: 'order_completed' },
          ],
          timeout: 'P1D',
        },
      },
      { id: 'end', type: 'exit', data: {} },
    ],
    edges: ['bought', 'liked', 'other', 'timeout']
      .map((handle) => ({ source: 'wait', sourceHandle: handle, target: 'end' }))
      .concat([{ source: 'trigger', target: 'wait' } as never]),
  },
};

describe('waitForEvent with events (action paths)', () => {
  const outcome = (events: { name: string; timestamp: string; properties?: Record<string, unknown> }[]) =>
    simulate(actionPaths, { profile, trigger: addedToCart, events }).steps.find((s) => s.nodeId === 'wait');

  it('leaves by the handle of the first event that happens, the first listed path that matches it, or timeout', () => {
    expect(
      outcome([
        { name: 'product_liked', timestamp: at('1T01:00:00') },
        { name: 'order_completed', timestamp: at('1T02:00:00'), properties: { productId: 'p1' } },
      ]),
    ).toEqual({ nodeId: 'wait', at: at('1T01:00:00'), outcome: 'liked' });
    expect(
      outcome([{ name: 'order_completed', timestamp: at('1T02:00:00'), properties: { productId: 'p1' } }])?.outcome,
    ).toBe('bought');
    expect(
      outcome([{ name: 'order_completed', timestamp: at('1T02:00:00'), properties: { productId: 'p9' } }])?.outcome,
    ).toBe('other');
    expect(outcome([{ name: 'signed_in', timestamp: at('1T02:00:00') }])).toEqual({
      nodeId: 'wait',
      at: at('2T00:00:00'),
      outcome: 'timeout',
    });
  });

  it('compiles one output per path plus timeout, listens to every event, and reserves "timeout"', () => {
    const compiled = compile(actionPaths);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    expect(Object.keys(compiled.ir.nodes.wait!.next).sort()).toEqual(['bought', 'liked', 'other', 'timeout']);
    expect(compiled.ir.listensTo).toEqual(['order_completed', 'product_liked']);
    expect(compiled.ir.needsProperties).toEqual(['order_completed']);

    const missing = structuredClone(actionPaths);
    missing.graph.edges = missing.graph.edges.filter((e) => e.sourceHandle !== 'liked');
    expect(compile(missing).errors).toEqual([
      expect.objectContaining({ code: 'unconnected_output', nodeId: 'wait', handle: 'liked' }),
    ]);

    const reserved = structuredClone(actionPaths);
    (reserved.graph.nodes[1]!.data as { events: { id: string }[] }).events[1]!.id = 'timeout';
    expect(compile(reserved).errors).toContainEqual(
      expect.objectContaining({ code: 'duplicate_output_id', nodeId: 'wait', path: 'events.1.id' }),
    );
  });
});
