import fc from 'fast-check';

/**
 * Generated journeys and event timelines for the differential test: what `simulate()` and the real
 * worker must agree on. Node kinds whose answers come from outside the entry (history and engagement
 * conditions, custom steps, optimize splits) are left out: the simulator scripts those by design.
 */
export interface DiffCase {
  document: {
    name: string;
    graph: {
      nodes: { id: string; type: string; data: unknown }[];
      edges: { source: string; sourceHandle: string; target: string }[];
    };
    settings: Record<string, unknown>;
  };
  profile: { email?: string; phone?: string; timezone?: string; traits: Record<string, unknown> };
  trigger: { productId: string; dueInMinutes: number };
  /**
   * Events after the trigger, `atMinutes` after it. Timers lie on a 30-minute grid from the trigger,
   * or from an event; event i sits 15 + 3i minutes off the grid, so no event coincides with a timer
   * or another event's timers (the drivers may order such ties differently).
   */
  events: { name: string; productId: string; atMinutes: number }[];
}

/** A node and what each of its outputs leads to. */
type Tree = { type: string; data: unknown; next: [string, Tree][] };

const eventNames = ['order_completed', 'product_liked', 'signed_in'] as const;
const duration = fc.constantFrom('PT30M', 'PT2H', 'PT20H', 'P1D', 'P3D');
const productId = fc.constantFrom('p1', 'p2');

/** Conditions on what an entry knows: its profile, trigger and variables. */
const entryCondition = fc.constantFrom(
  { attr: 'profile.tier', op: 'eq', value: 'gold' },
  { attr: 'profile.visits', op: 'gte', value: 2 },
  { attr: 'trigger.properties.productId', op: 'eq', value: 'p2' },
  { attr: 'vars.product', op: 'eq', value: 'p1' },
  { attr: 'vars.count', op: 'exists' },
  {
    any: [
      { attr: 'profile.tier', op: 'eq', value: 'gold' },
      { attr: 'vars.product', op: 'eq', valueFrom: 'trigger.properties.productId' },
    ],
  },
);
/** Filters on an awaited event. */
const eventWhere = fc.constantFrom(
  undefined,
  { attr: 'event.properties.productId', op: 'eq', valueFrom: 'trigger.properties.productId' },
  { attr: 'event.properties.productId', op: 'eq', value: 'p2' },
);
const template = fc.constantFrom(
  '{{ trigger.properties.productId }} for {{ profile.tier | default: "you" }}',
  'vars: {{ vars.product }} {{ vars.label }}',
  'Hello {{ event.properties.productId }}',
);

const leaf = (type: string, data: unknown): Tree => ({ type, data, next: [] });
const chain = (type: string, data: fc.Arbitrary<unknown>, tree: fc.Arbitrary<Tree>) =>
  fc.record({ data, after: tree }).map(({ data: d, after }): Tree => ({ type, data: d, next: [['next', after]] }));

const { tree } = fc.letrec<{ tree: Tree }>((tie) => {
  const next = tie('tree');
  return {
    tree: fc.oneof(
      { maxDepth: 5, depthIdentifier: 'journey' },
      fc.constant(leaf('exit', {})),
      chain(
        'delay',
        duration.map((d) => ({ duration: d })),
        next,
      ),
      chain(
        'waitUntil',
        fc.constantFrom(
          { localTime: '09:00' },
          { localTime: '18:30', days: ['mon', 'thu'] },
          { at: '{{ trigger.properties.dueAt }}' },
        ),
        next,
      ),
      chain(
        'context',
        fc.constantFrom(
          { set: { product: { path: 'trigger.properties.productId' } } },
          { set: { label: '{{ trigger.properties.productId | upcase }}-{{ profile.tier }}', count: 2 } },
          { set: { product: 'p1', count: { path: 'profile.visits' } } },
        ),
        next,
      ),
      chain(
        'updateProfile',
        fc.constantFrom(
          { set: { tier: 'gold' } },
          { increment: { visits: 1 } },
          { set: { last: '{{ trigger.properties.productId }}' } },
        ),
        next,
      ),
      fc
        .record({ channel: fc.constantFrom('sms', 'email'), body: template, after: next })
        .map(({ channel, body, after }): Tree => ({
          type: 'message',
          data:
            channel === 'sms' ? { channel, template: { body } } : { channel, template: { subject: body, text: body } },
          next: [['next', after]],
        })),
      fc
        .record({
          event: fc.constantFrom(...eventNames),
          where: eventWhere,
          timeout: duration,
          matched: next,
          timeout_: next,
        })
        .map(({ event, where, timeout, matched, timeout_ }): Tree => ({
          type: 'waitForEvent',
          data: { event, timeout, ...(where ? { where } : {}) },
          next: [
            ['matched', matched],
            ['timeout', timeout_],
          ],
        })),
      fc
        .record({
          first: fc.constantFrom(...eventNames),
          firstWhere: eventWhere,
          second: fc.constantFrom(...eventNames),
          timeout: duration,
          a: next,
          b: next,
          c: next,
        })
        .map(({ first, firstWhere, second, timeout, a, b, c }): Tree => ({
          type: 'waitForEvent',
          data: {
            events: [
              { id: 'first', event: first, ...(firstWhere ? { where: firstWhere } : {}) },
              { id: 'second', event: second },
            ],
            timeout,
          },
          next: [
            ['first', a],
            ['second', b],
            ['timeout', c],
          ],
        })),
      fc
        .record({
          conditions: fc.array(entryCondition, { minLength: 1, maxLength: 2 }),
          outs: fc.array(next, { minLength: 3, maxLength: 3 }),
        })
        .map(({ conditions, outs }): Tree => ({
          type: 'branch',
          data: { branches: conditions.map((condition, i) => ({ id: `b${i}`, condition })) },
          next: [...conditions.map((_, i) => [`b${i}`, outs[i]!] as [string, Tree]), ['else', outs[2]!]],
        })),
      fc.record({ weight: fc.constantFrom(50, 30, 90), a: next, b: next }).map(({ weight, a, b }): Tree => ({
        type: 'split',
        data: {
          variants: [
            { id: 'va', weight },
            { id: 'vb', weight: 100 - weight },
          ],
        },
        next: [
          ['va', a],
          ['vb', b],
        ],
      })),
    ),
  };
});

/** Numbers the tree's nodes n1, n2, ... under a trigger, as a journey document. */
function documentOf(root: Tree, settings: Record<string, unknown>): DiffCase['document'] {
  const nodes: DiffCase['document']['graph']['nodes'] = [
    { id: 'trigger', type: 'trigger', data: { kind: 'event', event: 'added_to_cart' } },
  ];
  const edges: DiffCase['document']['graph']['edges'] = [];
  const add = (node: Tree): string => {
    const id = `n${nodes.length}`;
    nodes.push({ id, type: node.type, data: node.data });
    for (const [handle, target] of node.next) edges.push({ source: id, sourceHandle: handle, target: add(target) });
    return id;
  };
  edges.push({ source: 'trigger', sourceHandle: 'next', target: add(root) });
  return { name: 'Generated', graph: { nodes, edges }, settings };
}

const settings = fc.record(
  {
    timezone: fc.constantFrom('Asia/Seoul', 'Europe/Berlin'),
    goal: fc
      .record({ event: fc.constant('order_completed'), where: eventWhere, exit: fc.boolean() })
      .map(({ where, ...goal }) => ({ ...goal, ...(where ? { where } : {}) })),
    exitOn: fc.constant([{ event: 'signed_in', where: { attr: 'event.properties.productId', op: 'eq', value: 'p2' } }]),
  },
  { requiredKeys: [] },
);

const profile = fc
  .record({
    email: fc.option(fc.constant('diff@example.com'), { nil: undefined }),
    phone: fc.option(fc.constant('+15550001111'), { nil: undefined }),
    timezone: fc.option(fc.constantFrom('America/New_York', 'Asia/Kolkata'), { nil: undefined }),
    traits: fc
      .record({ tier: fc.constantFrom('gold', 'silver', undefined), visits: fc.integer({ min: 0, max: 3 }) })
      .map(({ tier, visits }) => ({ visits, ...(tier ? { tier } : {}) })),
  })
  .map(({ email, phone, timezone, traits }) => ({
    traits,
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    ...(timezone ? { timezone } : {}),
  }));

export const diffCase: fc.Arbitrary<DiffCase> = fc
  .record({
    root: tree,
    settings,
    profile,
    trigger: fc.record({ productId, dueInMinutes: fc.integer({ min: -20, max: 160 }).map((half) => half * 30) }),
    events: fc
      .array(
        fc.record({ name: fc.constantFrom(...eventNames), productId, halfHours: fc.integer({ min: 0, max: 200 }) }),
        { maxLength: 4 },
      )
      .map((events) =>
        events.map(({ halfHours, ...event }, i) => ({ ...event, atMinutes: halfHours * 30 + 15 + 3 * i })),
      ),
  })
  .map(({ root, settings: s, ...rest }) => ({ document: documentOf(root, s), ...rest }));
