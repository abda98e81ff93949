import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compile } from '../compiler/compile.js';
import type { StepRegistry } from '../steps/registry.js';
import type { JourneyIR } from '../ir/types.js';
import type { JourneyDocumentInput } from '../schema/document.js';
import { endAfterSend, holdsEntry, initialState, step } from './interpreter.js';
import { assignVariant } from './split.js';
import type { Command, Input, JourneyState } from './types.js';

type Nodes = JourneyDocumentInput['graph']['nodes'];
type Edges = JourneyDocumentInput['graph']['edges'];

function irOf(
  nodes: Nodes,
  edges: Edges,
  settings: JourneyDocumentInput['settings'] = {},
  steps?: StepRegistry,
): JourneyIR {
  const result = compile(
    {
      name: 'T',
      graph: { nodes: [{ id: 't', type: 'trigger', data: { kind: 'event', event: 'go' } }, ...nodes], edges },
      settings,
    },
    { journey: { id: 'j', version: 1 }, ...(steps ? { steps } : {}) },
  );
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.ir;
}

const T0 = '2027-01-01T00:00:00.000Z';
const at = (hours: number) => new Date(Date.parse(T0) + hours * 3_600_000).toISOString();
const event = (
  name: string,
  hours: number,
  properties: Record<string, unknown> = {},
  messageId = `${name}-${hours}`,
) => ({ name, properties, timestamp: at(hours), messageId });

/** Drives the interpreter, answering requests with `answer(kind, command)`. */
class Driver {
  state: JourneyState;
  readonly log: Command[] = [];
  constructor(
    readonly ir: JourneyIR,
    private readonly answer: (command: Extract<Command, { type: 'request' }>) => unknown = () => ({ status: 'sent' }),
    userId = 'u1',
  ) {
    this.state = initialState(ir, { userId, trigger: event('go', 0), profile: { plan: 'gold' } });
  }
  feed(input: Input): Command[] {
    const { state, commands } = step(this.ir, this.state, input);
    this.state = state;
    this.log.push(...commands);
    const request = commands.find((c): c is Extract<Command, { type: 'request' }> => c.type === 'request');
    if (request)
      return [
        ...commands,
        ...this.feed({
          type: 'answer',
          requestId: request.requestId,
          result: request.kind === 'loadProfile' ? this.state.profile : this.answer(request),
          now: input.now,
        }),
      ];
    return commands;
  }
  get outcomes(): string[] {
    return this.state.path.map((p) => `${p.nodeId}:${p.outcome}`);
  }
}

const exitNode = (id = 'x') => ({ id, type: 'exit', data: {} });

describe('interpreter', () => {
  it('keeps a logical clock: a late timer happens at the planned end, and answers keep the time of the input', () => {
    const ir = irOf(
      [
        { id: 'w1', type: 'waitUntil', data: { localTime: '09:00' } },
        { id: 'w2', type: 'waitUntil', data: { localTime: '09:00' } },
        exitNode(),
      ],
      [
        { source: 't', target: 'w1' },
        { source: 'w1', target: 'w2' },
        { source: 'w2', target: 'x' },
      ],
    );
    const late = (ms: number) => new Date(Date.parse(at(9)) + ms).toISOString();
    const run = (logicalTime: boolean) => {
      let state = initialState(ir, { userId: 'u1', trigger: event('go', 0), logicalTime });
      state = step(ir, state, { type: 'start', now: T0 }).state;
      state = step(ir, state, { type: 'timer', now: late(40) }).state; // the timer fires 40 ms late
      return step(ir, state, { type: 'answer', requestId: state.pending!.requestId, result: {}, now: late(90) }).state; // the profile loads 50 ms later
    };
    // The second "until 09:00" is now, not tomorrow, as the simulator has it.
    expect(run(true)).toMatchObject({ current: 'x', done: { reason: 'exit', at: at(9) } });
    // Entries replaying a history recorded before (logicalTime false) keep wall-clock times.
    expect(run(false)).toMatchObject({ current: 'w2', wait: { until: at(33) } });
  });

  it('sleeps on a delay, then continues when the timer fires (and not before)', () => {
    const driver = new Driver(
      irOf(
        [{ id: 'd', type: 'delay', data: { duration: 'PT2H' } }, exitNode()],
        [
          { source: 't', target: 'd' },
          { source: 'd', target: 'x' },
        ],
      ),
    );
    const commands = driver.feed({ type: 'start', now: T0 });
    expect(commands).toContainEqual({ type: 'sleepUntil', nodeId: 'd', until: at(2), summary: 'wait 2 hours' });
    driver.feed({ type: 'timer', now: at(1) });
    expect(driver.state.current).toBe('d');
    const done = driver.feed({ type: 'timer', now: at(2) });
    expect(done.at(-1)).toEqual({ type: 'complete', reason: 'exit', at: at(2) });
    expect(driver.outcomes).toEqual(['t:entered', 'd:waited', 'x:exit']);
  });

  it('emits moved commands with idempotency keys per node visit', () => {
    const driver = new Driver(irOf([exitNode()], [{ source: 't', target: 'x' }]));
    const moved = driver.feed({ type: 'start', now: T0 }).filter((c) => c.type === 'moved');
    expect(moved).toEqual([
      { type: 'moved', nodeId: 't', at: T0, key: 'j:1:u1:go-0:t:1' },
      { type: 'moved', nodeId: 'x', fromNodeId: 't', handle: 'next', at: T0, key: 'j:1:u1:go-0:x:1' },
    ]);
  });

  it('matches waitForEvent on a matching event, honouring where', () => {
    const ir = irOf(
      [
        {
          id: 'w',
          type: 'waitForEvent',
          data: {
            event: 'order_completed',
            timeout: 'P1D',
            where: { attr: 'event.properties.total', op: 'gt', value: 10 },
          },
        },
        exitNode('yes'),
        exitNode('no'),
      ],
      [
        { source: 't', target: 'w' },
        { source: 'w', sourceHandle: 'matched', target: 'yes' },
        { source: 'w', sourceHandle: 'timeout', target: 'no' },
      ],
    );
    const driver = new Driver(ir);
    expect(driver.feed({ type: 'start', now: T0 })).toContainEqual(
      expect.objectContaining({ type: 'waitForEvents', events: ['order_completed'], until: at(24) }),
    );
    driver.feed({ type: 'event', event: event('order_completed', 1, { total: 5 }), now: at(1) });
    expect(driver.state.current).toBe('w');
    driver.feed({ type: 'event', event: event('order_completed', 2, { total: 50 }), now: at(2) });
    expect(driver.outcomes).toEqual(['t:entered', 'w:matched', 'yes:exit']);
  });

  it('takes timeout when nothing comes', () => {
    const ir = irOf(
      [
        { id: 'w', type: 'waitForEvent', data: { event: 'order_completed', timeout: 'P1D' } },
        exitNode('yes'),
        exitNode('no'),
      ],
      [
        { source: 't', target: 'w' },
        { source: 'w', sourceHandle: 'matched', target: 'yes' },
        { source: 'w', sourceHandle: 'timeout', target: 'no' },
      ],
    );
    const driver = new Driver(ir);
    driver.feed({ type: 'start', now: T0 });
    driver.feed({ type: 'timer', now: at(24) });
    expect(driver.outcomes).toEqual(['t:entered', 'w:timeout', 'no:exit']);
  });

  it('counts an event that arrived before the wait began', () => {
    const ir = irOf(
      [
        { id: 'd', type: 'delay', data: { duration: 'PT1H' } },
        { id: 'w', type: 'waitForEvent', data: { event: 'order_completed', timeout: 'P1D' } },
        exitNode('yes'),
        exitNode('no'),
      ],
      [
        { source: 't', target: 'd' },
        { source: 'd', target: 'w' },
        { source: 'w', sourceHandle: 'matched', target: 'yes' },
        { source: 'w', sourceHandle: 'timeout', target: 'no' },
      ],
    );
    const driver = new Driver(ir);
    driver.feed({ type: 'start', now: T0 });
    driver.feed({ type: 'event', event: event('order_completed', 0.5), now: at(0.5) });
    driver.feed({ type: 'timer', now: at(1) });
    expect(driver.outcomes).toEqual(['t:entered', 'd:waited', 'w:matched', 'yes:exit']);
  });

  it('lets each event satisfy one wait: a loop back to the wait waits for the next event', () => {
    const ir = irOf(
      [
        { id: 'w', type: 'waitForEvent', data: { event: 'ping', timeout: 'P1D' } },
        { id: 'm', type: 'message', data: { channel: 'email', template: { subject: 'pong', text: 'x' } } },
        exitNode('x'),
      ],
      [
        { source: 't', target: 'w' },
        { source: 'w', sourceHandle: 'matched', target: 'm' },
        { source: 'w', sourceHandle: 'timeout', target: 'x' },
        { source: 'm', target: 'w' },
      ],
    );
    let sends = 0;
    const driver = new Driver(ir, () => (sends++, { status: 'sent', channel: 'email' }));
    driver.feed({ type: 'start', now: T0 });
    driver.feed({ type: 'event', event: event('ping', 1), now: at(1) });
    driver.feed({ type: 'event', event: event('ping', 2), now: at(2) });
    expect(sends).toBe(2);
    expect(driver.state).toMatchObject({ current: 'w', wait: { nodeId: 'w', event: 'ping' } });
  });

  it('keeps the old matching for entries that began before events were consumed (replay safety)', () => {
    const ir = irOf(
      [
        { id: 'd', type: 'delay', data: { duration: 'PT1H' } },
        { id: 'w', type: 'waitForEvent', data: { event: 'ping', timeout: 'P1D' } },
        { id: 'w2', type: 'waitForEvent', data: { event: 'ping', timeout: 'P1D' } },
        exitNode('yes'),
        exitNode('no'),
      ],
      [
        { source: 't', target: 'd' },
        { source: 'd', target: 'w' },
        { source: 'w', sourceHandle: 'matched', target: 'w2' },
        { source: 'w', sourceHandle: 'timeout', target: 'no' },
        { source: 'w2', sourceHandle: 'matched', target: 'yes' },
        { source: 'w2', sourceHandle: 'timeout', target: 'no' },
      ],
    );
    const old = new Driver(ir);
    delete old.state.consumeMatched;
    old.feed({ type: 'start', now: T0 });
    old.feed({ type: 'event', event: event('ping', 0.5), now: at(0.5) });
    old.feed({ type: 'timer', now: at(1) });
    expect(old.outcomes).toEqual(['t:entered', 'd:waited', 'w:matched', 'w2:matched', 'yes:exit']);
    const current = new Driver(ir);
    current.feed({ type: 'start', now: T0 });
    current.feed({ type: 'event', event: event('ping', 0.5), now: at(0.5) });
    current.feed({ type: 'timer', now: at(1) });
    expect(current.outcomes).toEqual(['t:entered', 'd:waited', 'w:matched']);
    expect(current.state.wait?.nodeId).toBe('w2');
  });

  it('counts a redelivered event once (dedupe by messageId)', () => {
    const ir = irOf(
      [{ id: 'd', type: 'delay', data: { duration: 'P1D' } }, exitNode()],
      [
        { source: 't', target: 'd' },
        { source: 'd', target: 'x' },
      ],
      { goal: { event: 'order_completed' } },
    );
    const driver = new Driver(ir);
    driver.feed({ type: 'start', now: T0 });
    const first = driver.feed({ type: 'event', event: event('order_completed', 1, {}, 'm-1'), now: at(1) });
    const again = driver.feed({ type: 'event', event: event('order_completed', 1, {}, 'm-1'), now: at(2) });
    expect(first.filter((c) => c.type === 'converted')).toHaveLength(1);
    expect(again).toEqual([]);
    expect(driver.state.events).toHaveLength(1);
  });

  it('converts on the goal with attribution to the last message and split variant, and exits when told', () => {
    const ir = irOf(
      [
        {
          id: 's',
          type: 'split',
          data: {
            variants: [
              { id: 'a', weight: 50 },
              { id: 'b', weight: 50 },
            ],
          },
        },
        { id: 'm', type: 'message', data: { channel: 'push', template: { title: 'x', body: 'y' } } },
        { id: 'd', type: 'delay', data: { duration: 'P3D' } },
        exitNode(),
      ],
      [
        { source: 't', target: 's' },
        { source: 's', sourceHandle: 'a', target: 'm' },
        { source: 's', sourceHandle: 'b', target: 'm' },
        { source: 'm', target: 'd' },
        { source: 'd', target: 'x' },
      ],
      { goal: { event: 'order_completed', within: 'P2D', exit: true } },
    );
    const driver = new Driver(ir);
    driver.feed({ type: 'start', now: T0 });
    const variant = driver.state.variants.s!;
    const commands = driver.feed({ type: 'event', event: event('order_completed', 5), now: at(5) });
    expect(commands).toEqual([
      {
        type: 'converted',
        at: at(5),
        event: 'order_completed',
        messageNodeId: 'm',
        variant: { nodeId: 's', variantId: variant },
      },
      { type: 'complete', reason: 'goal', at: at(5) },
    ]);
  });

  it('does not convert outside the goal window', () => {
    const ir = irOf(
      [{ id: 'd', type: 'delay', data: { duration: 'P5D' } }, exitNode()],
      [
        { source: 't', target: 'd' },
        { source: 'd', target: 'x' },
      ],
      { goal: { event: 'order_completed', within: 'P2D' } },
    );
    const driver = new Driver(ir);
    driver.feed({ type: 'start', now: T0 });
    expect(driver.feed({ type: 'event', event: event('order_completed', 72), now: at(72) })).toEqual([]);
  });

  it('leaves at any node on exitOn, also in the middle of a wait', () => {
    const ir = irOf(
      [{ id: 'd', type: 'delay', data: { duration: 'P30D' } }, exitNode()],
      [
        { source: 't', target: 'd' },
        { source: 'd', target: 'x' },
      ],
      { exitOn: [{ event: 'unsubscribed', where: { attr: 'event.properties.all', op: 'eq', value: true } }] },
    );
    const driver = new Driver(ir);
    driver.feed({ type: 'start', now: T0 });
    expect(driver.feed({ type: 'event', event: event('unsubscribed', 1, { all: false }), now: at(1) })).toEqual([]);
    expect(driver.feed({ type: 'event', event: event('unsubscribed', 2, { all: true }), now: at(2) })).toEqual([
      { type: 'complete', reason: 'exitOn', at: at(2) },
    ]);
    expect(driver.state.wait).toBeUndefined();
    expect(driver.feed({ type: 'timer', now: at(24 * 30) })).toEqual([]);
  });

  it('leaves when an operator sends exit', () => {
    const driver = new Driver(
      irOf(
        [{ id: 'd', type: 'delay', data: { duration: 'P1D' } }, exitNode()],
        [
          { source: 't', target: 'd' },
          { source: 'd', target: 'x' },
        ],
      ),
    );
    driver.feed({ type: 'start', now: T0 });
    expect(driver.feed({ type: 'exit', now: at(1) })).toEqual([{ type: 'complete', reason: 'operator', at: at(1) }]);
  });

  it('asks for data conditions and takes the first true branch, else else', () => {
    const ir = irOf(
      [
        {
          id: 'b',
          type: 'branch',
          data: {
            branches: [
              { id: 'loyal', condition: { performed: 'order_completed', count: { op: 'gte', value: 3 } } },
              { id: 'gold', condition: { attr: 'profile.plan', op: 'eq', value: 'gold' } },
            ],
          },
        },
        exitNode('l'),
        exitNode('g'),
        exitNode('e'),
      ],
      [
        { source: 't', target: 'b' },
        { source: 'b', sourceHandle: 'loyal', target: 'l' },
        { source: 'b', sourceHandle: 'gold', target: 'g' },
        { source: 'b', sourceHandle: 'else', target: 'e' },
      ],
    );
    const asked: unknown[] = [];
    const driver = new Driver(ir, (request) => {
      asked.push(request.payload);
      return { '{"count":{"op":"gte","value":3},"performed":"order_completed"}': false };
    });
    driver.feed({ type: 'start', now: T0 });
    expect(asked).toEqual([
      {
        conditions: [{ performed: 'order_completed', count: { op: 'gte', value: 3 } }],
        enteredAt: T0,
        trigger: expect.objectContaining({ name: expect.any(String) }),
        vars: {},
      },
    ]);
    expect(driver.outcomes).toEqual(['t:entered', 'b:gold', 'g:exit']);
  });

  it('sends messages through a request and records the channel', () => {
    const ir = irOf(
      [
        {
          id: 'm',
          type: 'message',
          data: {
            channels: [
              { channel: 'push', template: { title: 'a', body: 'b' } },
              { channel: 'sms', template: { body: 'c' } },
            ],
          },
        },
        exitNode(),
      ],
      [
        { source: 't', target: 'm' },
        { source: 'm', target: 'x' },
      ],
    );
    const requests: Command[] = [];
    const driver = new Driver(ir, (request) => {
      requests.push(request);
      return { status: 'sent', channel: 'sms' };
    });
    driver.feed({ type: 'start', now: T0 });
    expect(requests[0]).toMatchObject({
      kind: 'send',
      nodeId: 'm',
      idempotencyKey: 'j:1:u1:go-0:m:1',
      summary: 'push, else sms: T',
    });
    expect(driver.outcomes).toContain('m:sent:sms');
  });

  it('holds a deferred message at its node and sends it again, with the same key, when the deferral ends', () => {
    const ir = irOf(
      [{ id: 'm', type: 'message', data: { channel: 'sms', template: { body: 'c' } } }, exitNode()],
      [
        { source: 't', target: 'm' },
        { source: 'm', target: 'x' },
      ],
      { contactPolicy: 'bypass', timezone: 'Asia/Seoul' },
    );
    const requests: Extract<Command, { type: 'request' }>[] = [];
    const driver = new Driver(ir, (request) => {
      requests.push(request);
      return requests.length === 1
        ? { status: 'deferred', reason: 'quiet_hours', until: at(8) }
        : { status: 'sent', channel: 'sms' };
    });
    const first = driver.feed({ type: 'start', now: T0 });
    expect(requests[0]!.payload).toMatchObject({ contactPolicy: 'bypass', timezone: 'Asia/Seoul' });
    expect(first).toContainEqual({
      type: 'sleepUntil',
      nodeId: 'm',
      until: at(8),
      summary: `hold the message until ${at(8)} (quiet_hours)`,
    });
    driver.feed({ type: 'timer', now: at(7) });
    expect(requests).toHaveLength(1);
    driver.feed({ type: 'timer', now: at(8) });
    expect(requests.map((r) => r.idempotencyKey)).toEqual(['j:1:u1:go-0:m:1', 'j:1:u1:go-0:m:1']);
    // Only the second says the outbox holds its entry: the first send skips the lookup.
    expect(requests.map((r) => (r.payload as { again?: true }).again)).toEqual([undefined, true]);
    expect(driver.outcomes).toEqual(['t:entered', 'm:deferred:quiet_hours', 'm:sent:sms', 'x:exit']);
  });

  it("passes the journey's rate limit with each send, and only when there is one", () => {
    const payloads = (settings: JourneyDocumentInput['settings']) => {
      const ir = irOf(
        [{ id: 'm', type: 'message', data: { channel: 'sms', template: { body: 'c' } } }, exitNode()],
        [
          { source: 't', target: 'm' },
          { source: 'm', target: 'x' },
        ],
        settings,
      );
      const sent: unknown[] = [];
      const driver = new Driver(ir, (request) => {
        sent.push(request.payload);
        return { status: 'sent', channel: 'sms' };
      });
      driver.feed({ type: 'start', now: T0 });
      return sent;
    };
    expect(payloads({ rateLimit: { perMinute: 600 } })[0]).toMatchObject({ rateLimit: { perMinute: 600 } });
    expect(payloads({})[0]).not.toHaveProperty('rateLimit');
  });

  it('lets an exitOn event end a deferred message before it goes out', () => {
    const ir = irOf(
      [{ id: 'm', type: 'message', data: { channel: 'sms', template: { body: 'c' } } }, exitNode()],
      [
        { source: 't', target: 'm' },
        { source: 'm', target: 'x' },
      ],
      { exitOn: [{ event: 'order_completed' }] },
    );
    let sends = 0;
    const driver = new Driver(ir, () =>
      ++sends === 1 ? { status: 'deferred', reason: 'quiet_hours', until: at(8) } : { status: 'sent', channel: 'sms' },
    );
    driver.feed({ type: 'start', now: T0 });
    driver.feed({ type: 'event', event: event('order_completed', 2), now: at(2) });
    driver.feed({ type: 'timer', now: at(8) });
    expect(sends).toBe(1);
    expect(driver.state.done?.reason).toBe('exitOn');
  });

  it('follows the output a custom step returns and takes its profile', () => {
    const steps = new Map([
      [
        'loyalty',
        { type: 'loyalty', title: 'Loyalty', description: '', config: z.object({}), outputs: ['gold', 'other'] },
      ],
    ]);
    const ir = irOf(
      [{ id: 'c', type: 'custom', data: { step: 'loyalty', config: {} } }, exitNode('g'), exitNode('o')],
      [
        { source: 't', target: 'c' },
        { source: 'c', sourceHandle: 'gold', target: 'g' },
        { source: 'c', sourceHandle: 'other', target: 'o' },
      ],
      {},
      steps,
    );
    const driver = new Driver(ir, () => ({ output: 'gold', profile: { userId: 'u1', tier: 'gold' } }));
    driver.feed({ type: 'start', now: T0 });
    expect(driver.outcomes).toEqual(['t:entered', 'c:gold', 'g:exit']);
    expect(driver.state.profile).toEqual({ userId: 'u1', tier: 'gold' });
  });

  it('assigns fixed splits stickily and by weight', () => {
    const variants = [
      { id: 'a', weight: 20 },
      { id: 'b', weight: 80 },
    ];
    const counts = { a: 0, b: 0 } as Record<string, number>;
    for (let i = 0; i < 5_000; i++) counts[assignVariant('j', 's', `user-${i}`, variants)]!++;
    expect(counts.a! / 5_000).toBeGreaterThan(0.17);
    expect(counts.a! / 5_000).toBeLessThan(0.23);
    expect(assignVariant('j', 's', 'user-7', variants)).toBe(assignVariant('j', 's', 'user-7', variants));
  });

  it('asks the driver for the variant in optimize mode', () => {
    const ir = irOf(
      [
        {
          id: 's',
          type: 'split',
          data: {
            mode: 'optimize',
            variants: [
              { id: 'a', weight: 50 },
              { id: 'b', weight: 50 },
            ],
          },
        },
        exitNode('xa'),
        exitNode('xb'),
      ],
      [
        { source: 't', target: 's' },
        { source: 's', sourceHandle: 'a', target: 'xa' },
        { source: 's', sourceHandle: 'b', target: 'xb' },
      ],
    );
    const driver = new Driver(ir, () => 'b');
    driver.feed({ type: 'start', now: T0 });
    expect(driver.outcomes).toEqual(['t:entered', 's:b', 'xb:exit']);
  });

  it('waits until a time read from the triggering event, plus an offset, at a local time', () => {
    const ir = irOf(
      [
        {
          id: 'w',
          type: 'waitUntil',
          data: { at: '{{ event.properties.purchasedAt }}', offset: 'P1M', localTime: '09:00' },
        },
        exitNode(),
      ],
      [
        { source: 't', target: 'w' },
        { source: 'w', target: 'x' },
      ],
      { timezone: 'Europe/Berlin' },
    );
    const state = initialState(ir, {
      userId: 'u',
      trigger: { name: 'go', properties: { purchasedAt: '2027-01-31T12:00:00Z' }, timestamp: T0, messageId: 'g' },
    });
    const { commands } = step(ir, state, { type: 'start', now: T0 });
    // Jan 31 13:00 CET + 1 month = Feb 28 13:00 -> next 09:00 is Mar 1 09:00 CET = 08:00Z.
    expect(commands).toContainEqual(expect.objectContaining({ type: 'sleepUntil', until: '2027-03-01T08:00:00.000Z' }));
  });

  it('stops a runaway loop at the step limit', () => {
    // The compiler refuses loops without waits; a hand-made IR shows the interpreter's own guard.
    const ir = irOf([exitNode()], [{ source: 't', target: 'x' }]);
    const looping: JourneyIR = {
      ...ir,
      nodes: {
        t: { id: 't', type: 'trigger', data: { kind: 'event', event: 'go' }, next: { next: 'a' } },
        a: { id: 'a', type: 'branch', data: { branches: [] }, next: { else: 'b' } },
        b: { id: 'b', type: 'branch', data: { branches: [] }, next: { else: 'a' } },
      },
    };
    const { commands, state } = step(looping, initialState(looping, { userId: 'u', trigger: event('go', 0) }), {
      type: 'start',
      now: T0,
    });
    expect(commands.at(-1)).toEqual({ type: 'complete', reason: 'step_limit', at: T0 });
    expect(state.path.length).toBeLessThanOrEqual(200);
  });

  describe('endAfterSend: what a send is followed by, when that is only the end', () => {
    const sms = (id: string) => ({ id, type: 'message', data: { channel: 'sms', template: { body: 'c' } } });
    const started = (ir: JourneyIR, options: { logicalTime?: boolean } = {}) =>
      step(ir, initialState(ir, { userId: 'u', trigger: event('go', 0), ...options }), { type: 'start', now: T0 })
        .state;

    it('is exactly the commands any answer but a hold brings, however late it comes', () => {
      // Through a branch on the profile (no request) to the exit.
      const ir = irOf(
        [
          sms('m'),
          {
            id: 'b',
            type: 'branch',
            data: { branches: [{ id: 'gold', condition: { attr: 'profile.plan', op: 'eq', value: 'gold' } }] },
          },
          exitNode(),
          exitNode('y'),
        ],
        [
          { source: 't', target: 'm' },
          { source: 'm', target: 'b' },
          { source: 'b', sourceHandle: 'gold', target: 'x' },
          { source: 'b', sourceHandle: 'else', target: 'y' },
        ],
      );
      const state = started(ir);
      const ahead = endAfterSend(ir, state);
      expect(ahead?.moves.map((move) => move.nodeId)).toEqual(['b', 'y']);
      expect(ahead?.end).toEqual({ type: 'complete', reason: 'exit', at: T0 });
      for (const result of [
        { status: 'delivered', channel: 'sms' },
        { status: 'failed', reason: 'bounced' },
        { status: 'skipped', reason: 'no_consent' },
        { status: 'deferred', reason: 'no time given' },
      ]) {
        const answer = { type: 'answer', requestId: state.pending!.requestId, result, now: at(5) } as const;
        expect(step(ir, state, answer).commands).toEqual([...ahead!.moves, ahead!.end]);
      }
    });

    it('is undefined when a hold, a wait or another request may follow, or the clock is wall time', () => {
      const chain = (nodes: Nodes) =>
        irOf(
          [...nodes, exitNode()],
          [...nodes, exitNode()].map((node, i, all) => ({ source: i === 0 ? 't' : all[i - 1]!.id, target: node.id })),
        );
      const single = chain([sms('m')]);
      expect(holdsEntry({ status: 'deferred', until: at(8) })).toBe(true);
      expect(holdsEntry({ status: 'deferred' })).toBe(false);
      const delayed = chain([sms('m'), { id: 'd', type: 'delay', data: { duration: 'P1D' } }]);
      expect(endAfterSend(delayed, started(delayed))).toBeUndefined();
      const twice = chain([sms('m'), sms('n')]);
      expect(endAfterSend(twice, started(twice))).toBeUndefined();
      expect(endAfterSend(single, started(single, { logicalTime: false }))).toBeUndefined();
      expect(endAfterSend(single, started(single))?.moves.map((move) => move.nodeId)).toEqual(['x']);
      // Not waiting on a send.
      const waiting = chain([{ id: 'd', type: 'delay', data: { duration: 'P1D' } }]);
      expect(endAfterSend(waiting, started(waiting))).toBeUndefined();
    });
  });

  it('ignores answers to requests it did not make', () => {
    const ir = irOf(
      [{ id: 'm', type: 'message', data: { channel: 'push', template: { title: 'a', body: 'b' } } }, exitNode()],
      [
        { source: 't', target: 'm' },
        { source: 'm', target: 'x' },
      ],
    );
    const first = step(ir, initialState(ir, { userId: 'u', trigger: event('go', 0) }), { type: 'start', now: T0 });
    const stray = step(ir, first.state, { type: 'answer', requestId: 'other:1:send', result: {}, now: T0 });
    expect(stray.commands).toEqual([]);
    expect(stray.state.pending?.nodeId).toBe('m');
  });
});
