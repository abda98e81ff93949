import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { JourneyDocumentInput } from '../schema/document.js';
import { compile } from './compile.js';
import type { DiagnosticCode } from './diagnostics.js';

type Node = JourneyDocumentInput['graph']['nodes'][number];
type Edge = JourneyDocumentInput['graph']['edges'][number];

const trigger: Node = { id: 't', type: 'trigger', data: { kind: 'event', event: 'added_to_cart' } };
const exit = (id = 'x'): Node => ({ id, type: 'exit', data: {} });
const doc = (nodes: Node[], edges: Edge[], settings: JourneyDocumentInput['settings'] = {}): JourneyDocumentInput => ({
  name: 'Test',
  graph: { nodes, edges },
  settings,
});
const push = { channel: 'push', template: { title: 'Hi', body: 'There' } };

/** The single error of `code`, asserting it names the node (and handle). */
function errorOf(document: unknown, code: DiagnosticCode, options?: Parameters<typeof compile>[1]) {
  const result = compile(document, options);
  expect(result.ok).toBe(false);
  const found = result.errors.filter((e) => e.code === code);
  expect(found, JSON.stringify(result.errors)).toHaveLength(1);
  return found[0]!;
}

describe('compile: valid journeys', () => {
  it('produces a normalised, versioned, serialisable IR with resolved outputs and listened events', () => {
    const result = compile(
      doc(
        [
          trigger,
          {
            id: 'w',
            type: 'waitForEvent',
            data: {
              event: 'order_completed',
              timeout: 'P2D',
              where: { attr: 'event.properties.total', op: 'gt', value: 0 },
            },
          },
          { id: 'm', type: 'message', data: push },
          exit('x1'),
          exit('x2'),
        ],
        [
          { source: 't', target: 'w' },
          { source: 'w', sourceHandle: 'matched', target: 'x1' },
          { source: 'w', sourceHandle: 'timeout', target: 'm' },
          { source: 'm', target: 'x2' },
        ],
        { exitOn: [{ event: 'account_deleted' }], goal: { event: 'order_completed', within: 'P7D' } },
      ),
      { journey: { id: 'j1', version: 3 } },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.ir).toMatchObject({
      irVersion: 1,
      journey: { id: 'j1', name: 'Test', version: 3 },
      entry: 't',
      listensTo: ['account_deleted', 'order_completed'],
      needsProperties: ['order_completed'],
    });
    expect(result.ir.nodes.w?.next).toEqual({ matched: 'x1', timeout: 'm' });
    expect(JSON.parse(JSON.stringify(result.ir))).toEqual(result.ir);
    expect(result.ir.hash).toMatch(/^[0-9a-f]+$/);
  });

  it('hashes content, not identity or key order', () => {
    const a = compile(doc([trigger, exit()], [{ source: 't', target: 'x' }]), { journey: { id: 'a', version: 1 } });
    const b = compile(
      doc([exit(), { ...trigger, data: { event: 'added_to_cart', kind: 'event' } }], [{ source: 't', target: 'x' }]),
      { journey: { id: 'b', version: 2 } },
    );
    const c = compile(
      doc([{ ...trigger, data: { kind: 'event', event: 'other' } }, exit()], [{ source: 't', target: 'x' }]),
    );
    expect(a.ok && b.ok && a.ir.hash === b.ir.hash).toBe(true);
    expect(a.ok && c.ok && a.ir.hash !== c.ir.hash).toBe(true);
  });

  it('compiles a registered custom step with its declared outputs', () => {
    const steps = new Map([
      [
        'loyalty',
        {
          type: 'loyalty',
          title: 'Loyalty',
          description: '',
          config: z.object({ points: z.number() }),
          outputs: ['gold', 'other'],
        },
      ],
    ]);
    const nodes: Node[] = [
      trigger,
      { id: 'c', type: 'custom', data: { step: 'loyalty', config: { points: 10 } } },
      exit('g'),
      exit('o'),
    ];
    const edges: Edge[] = [
      { source: 't', target: 'c' },
      { source: 'c', sourceHandle: 'gold', target: 'g' },
      { source: 'c', sourceHandle: 'other', target: 'o' },
    ];
    expect(compile(doc(nodes, edges), { steps }).ok).toBe(true);
    const bad = errorOf(
      doc(
        [
          trigger,
          { id: 'c', type: 'custom', data: { step: 'loyalty', config: { points: 'ten' } } },
          exit('g'),
          exit('o'),
        ],
        edges,
      ),
      'invalid_data',
      { steps },
    );
    expect(bad).toMatchObject({ nodeId: 'c', path: 'config.points' });
  });
});

describe('compile: every rule names the node and says what to do', () => {
  it('rejects a document that is not a journey', () => {
    const error = errorOf({ name: 'x', graph: { nodes: [{ type: 'exit' }], edges: [] } }, 'invalid_document');
    expect(error.path).toBe('graph.nodes.0.id');
  });

  it('needs a trigger', () => {
    expect(errorOf(doc([exit()], []), 'no_trigger').message).toContain('add one trigger');
  });

  it('allows only one trigger', () => {
    const error = errorOf(
      doc(
        [trigger, { ...trigger, id: 't2' }, exit()],
        [
          { source: 't', target: 'x' },
          { source: 't2', target: 'x' },
        ],
      ),
      'several_triggers',
    );
    expect(error.nodeId).toBe('t2');
  });

  it('rejects duplicate node ids', () => {
    expect(errorOf(doc([trigger, exit(), exit()], [{ source: 't', target: 'x' }]), 'duplicate_node_id').nodeId).toBe(
      'x',
    );
  });

  it('rejects unknown node types', () => {
    const error = errorOf(
      doc([trigger, { id: 'z', type: 'teleport', data: {} }], [{ source: 't', target: 'z' }]),
      'unknown_node_type',
    );
    expect(error).toMatchObject({ nodeId: 'z', message: expect.stringContaining('"teleport"') });
  });

  it('rejects unregistered custom steps', () => {
    expect(
      errorOf(
        doc(
          [trigger, { id: 'c', type: 'custom', data: { step: 'nope' } }, exit()],
          [
            { source: 't', target: 'c' },
            { source: 'c', target: 'x' },
          ],
        ),
        'unknown_step',
      ).nodeId,
    ).toBe('c');
  });

  it('rejects invalid node data with the field path', () => {
    const error = errorOf(
      doc(
        [trigger, { id: 'd', type: 'delay', data: { duration: 'two days' } }, exit()],
        [
          { source: 't', target: 'd' },
          { source: 'd', target: 'x' },
        ],
      ),
      'invalid_data',
    );
    expect(error).toMatchObject({ nodeId: 'd', path: 'duration' });
  });

  it.each([
    ['zero', 'PT0S', 'longer than zero'],
    ['beyond five years', 'P5Y1D', 'at most 5 years'],
  ])('rejects durations %s', (_what, duration, message) => {
    const error = errorOf(
      doc(
        [trigger, { id: 'd', type: 'delay', data: { duration } }, exit()],
        [
          { source: 't', target: 'd' },
          { source: 'd', target: 'x' },
        ],
      ),
      'invalid_data',
    );
    expect(error.message).toContain(message);
  });

  it('keeps a segment to the profile and event history, naming the field that reads an event', () => {
    const segment = (condition: unknown, extra: Node[] = []) =>
      doc(
        [{ id: 't', type: 'trigger', data: { kind: 'segment', condition } }, ...extra, exit()],
        [{ source: 't', target: extra[0]?.id ?? 'x' }, ...extra.map((n) => ({ source: n.id, target: 'x' }))],
      );
    const rejected = (condition: unknown, extra: Node[] = []) => errorOf(segment(condition, extra), 'invalid_data');
    expect(rejected({ attr: 'trigger.properties.plan', op: 'eq', value: 'pro' })).toMatchObject({
      nodeId: 't',
      path: 'condition.attr',
      message: expect.stringContaining('"trigger.properties.plan" has nothing to read; use a profile.* path'),
    });
    expect(
      rejected({
        all: [
          { attr: 'profile.tier', op: 'exists' },
          { not: { attr: 'profile.plan', op: 'eq', valueFrom: 'vars.plan' } },
        ],
      }),
    ).toMatchObject({ path: 'condition.all.1.not.valueFrom' });
    expect(rejected({ any: [{ attr: 'event.name', op: 'eq', value: 'x' }] })).toMatchObject({
      path: 'condition.any.0.attr',
    });
    const withMessage = rejected({ message: 'm', status: 'opened' }, [{ id: 'm', type: 'message', data: push }]);
    expect(withMessage).toMatchObject({
      path: 'condition',
      message: expect.stringContaining('cannot check engagement with "m"'),
    });
    // Inside a performed condition, event.* is the counted event.
    const history = {
      all: [
        { attr: 'profile.tier', op: 'eq', value: 'gold' },
        {
          performed: 'added_to_cart',
          where: { attr: 'event.properties.price', op: 'gte', valueFrom: 'profile.minPrice' },
        },
      ],
    };
    expect(compile(segment(history)).errors).toEqual([]);
    expect(
      rejected({ performed: 'added_to_cart', where: { attr: 'trigger.properties.id', op: 'exists' } }),
    ).toMatchObject({
      path: 'condition.where.attr',
      message: expect.stringContaining('or event.* (the counted event)'),
    });
  });

  it('rejects edges to nodes that do not exist', () => {
    const error = errorOf(
      doc(
        [trigger, exit()],
        [
          { source: 't', target: 'x' },
          { source: 'x', target: 'ghost' },
        ],
      ),
      'unknown_edge_node',
    );
    expect(error).toMatchObject({ nodeId: 'x', message: expect.stringContaining('"ghost"') });
  });

  it('rejects edges from outputs a node does not have', () => {
    const error = errorOf(
      doc(
        [trigger, exit()],
        [
          { source: 't', target: 'x' },
          { source: 't', sourceHandle: 'maybe', target: 'x' },
        ],
      ),
      'unknown_handle',
    );
    expect(error).toMatchObject({ nodeId: 't', handle: 'maybe' });
  });

  it('rejects one output connected twice', () => {
    const error = errorOf(
      doc(
        [trigger, exit('a'), exit('b')],
        [
          { source: 't', target: 'a' },
          { source: 't', target: 'b' },
        ],
      ),
      'handle_connected_twice',
    );
    expect(error).toMatchObject({ nodeId: 't', handle: 'next' });
  });

  it('rejects unconnected outputs, naming the handle', () => {
    const error = errorOf(
      doc(
        [trigger, { id: 'w', type: 'waitForEvent', data: { event: 'order_completed', timeout: 'P1D' } }, exit()],
        [
          { source: 't', target: 'w' },
          { source: 'w', sourceHandle: 'matched', target: 'x' },
        ],
      ),
      'unconnected_output',
    );
    expect(error).toMatchObject({ nodeId: 'w', handle: 'timeout' });
  });

  it('warns about unreachable nodes', () => {
    const result = compile(doc([trigger, exit(), exit('lonely')], [{ source: 't', target: 'x' }]));
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'unreachable_node', nodeId: 'lonely' })]);
  });

  it('rejects loops without a wait, and accepts them with one', () => {
    const branch: Node = {
      id: 'b',
      type: 'branch',
      data: { branches: [{ id: 'again', condition: { attr: 'profile.x', op: 'exists' } }] },
    };
    const loop = doc(
      [trigger, branch, { id: 'u', type: 'updateProfile', data: { increment: { x: 1 } } }, exit()],
      [
        { source: 't', target: 'b' },
        { source: 'b', sourceHandle: 'again', target: 'u' },
        { source: 'u', target: 'b' },
        { source: 'b', sourceHandle: 'else', target: 'x' },
      ],
    );
    expect(errorOf(loop, 'cycle_without_wait').message).toMatch(/"b" -> "u"|"u" -> "b"/);
    const withWait = doc(
      [trigger, branch, { id: 'd', type: 'delay', data: { duration: 'P1D' } }, exit()],
      [
        { source: 't', target: 'b' },
        { source: 'b', sourceHandle: 'again', target: 'd' },
        { source: 'd', target: 'b' },
        { source: 'b', sourceHandle: 'else', target: 'x' },
      ],
    );
    expect(compile(withWait).ok).toBe(true);
  });

  it('needs split weights that add up to 100', () => {
    const split: Node = {
      id: 's',
      type: 'split',
      data: {
        variants: [
          { id: 'a', weight: 50 },
          { id: 'b', weight: 40 },
        ],
      },
    };
    const error = errorOf(
      doc(
        [trigger, split, exit('a1'), exit('b1')],
        [
          { source: 't', target: 's' },
          { source: 's', sourceHandle: 'a', target: 'a1' },
          { source: 's', sourceHandle: 'b', target: 'b1' },
        ],
      ),
      'split_weights',
    );
    expect(error).toMatchObject({ nodeId: 's', message: expect.stringContaining('add up to 90') });
  });

  it('rejects duplicate and reserved output ids', () => {
    const branch: Node = {
      id: 'b',
      type: 'branch',
      data: { branches: [{ id: 'else', condition: { attr: 'profile.x', op: 'exists' } }] },
    };
    expect(
      errorOf(
        doc(
          [trigger, branch, exit()],
          [
            { source: 't', target: 'b' },
            { source: 'b', sourceHandle: 'else', target: 'x' },
          ],
        ),
        'duplicate_output_id',
      ),
    ).toMatchObject({ nodeId: 'b', path: 'branches.0.id' });
  });

  it('rejects Liquid that does not parse, naming the field', () => {
    const bad: Node = {
      id: 'm',
      type: 'message',
      data: { channel: 'email', template: { subject: 'Hi {{ profile.name ', html: '<p>x</p>' } },
    };
    expect(
      errorOf(
        doc(
          [trigger, bad, exit()],
          [
            { source: 't', target: 'm' },
            { source: 'm', target: 'x' },
          ],
        ),
        'invalid_liquid',
      ),
    ).toMatchObject({ nodeId: 'm', path: 'template.subject' });
    const unknownFilter: Node = {
      id: 'm',
      type: 'message',
      data: { channel: 'sms', template: { body: '{{ profile.name | shout }}' } },
    };
    expect(
      errorOf(
        doc(
          [trigger, unknownFilter, exit()],
          [
            { source: 't', target: 'm' },
            { source: 'm', target: 'x' },
          ],
        ),
        'invalid_liquid',
      ).message,
    ).toContain('shout');
  });

  it('rejects a template over a limit whatever the data (a runaway literal range), naming the field', () => {
    const runaway: Node = {
      id: 'm',
      type: 'message',
      data: { channel: 'email', template: { subject: 'Hi', html: '{% for i in (1..100000000) %}x{% endfor %}' } },
    };
    expect(
      errorOf(
        doc(
          [trigger, runaway, exit()],
          [
            { source: 't', target: 'm' },
            { source: 'm', target: 'x' },
          ],
        ),
        'template_limit',
      ),
    ).toMatchObject({ nodeId: 'm', path: 'template.html', message: expect.stringContaining('allocates more than') });
  });

  it.each(['next tuesday', '{{ event.properties.purchasedAt | date: "%Y" }}'])(
    'rejects an at that is neither an instant nor a path expression: %s',
    (at) => {
      const node: Node = { id: 'w', type: 'waitUntil', data: { at } };
      expect(
        errorOf(
          doc(
            [trigger, node, exit()],
            [
              { source: 't', target: 'w' },
              { source: 'w', target: 'x' },
            ],
          ),
          'invalid_instant',
        ).nodeId,
      ).toBe('w');
    },
  );

  it('rejects bad cron expressions', () => {
    const schedule: Node = { id: 't', type: 'trigger', data: { kind: 'schedule', cron: '61 * * * *' } };
    expect(errorOf(doc([schedule, exit()], [{ source: 't', target: 'x' }]), 'invalid_cron').nodeId).toBe('t');
  });

  it('rejects plain-http webhooks in production mode only', () => {
    const hook: Node = {
      id: 'h',
      type: 'message',
      data: { channel: 'webhook', template: { url: 'http://crm.example.com/hook' } },
    };
    const document = doc(
      [trigger, hook, exit()],
      [
        { source: 't', target: 'h' },
        { source: 'h', target: 'x' },
      ],
    );
    expect(compile(document).ok).toBe(true);
    expect(errorOf(document, 'insecure_webhook', { production: true })).toMatchObject({
      nodeId: 'h',
      path: 'template.url',
    });
  });

  it('rejects engagement conditions on nodes that are not messages', () => {
    const branch: Node = {
      id: 'b',
      type: 'branch',
      data: { branches: [{ id: 'clicked', condition: { message: 'x', status: 'clicked' } }] },
    };
    expect(
      errorOf(
        doc(
          [trigger, branch, exit()],
          [
            { source: 't', target: 'b' },
            { source: 'b', sourceHandle: 'clicked', target: 'x' },
            { source: 'b', sourceHandle: 'else', target: 'x' },
          ],
        ),
        'unknown_message_node',
      ).nodeId,
    ).toBe('b');
  });
});
