import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/compile.js';
import { inHoldout } from './holdout.js';
import { initialState, step } from './interpreter.js';
import { assignVariant } from './split.js';

describe('holdout membership', () => {
  it('keeps a share within its binomial range, stickily', () => {
    const users = Array.from({ length: 10_000 }, (_, i) => `user-${i}`);
    const held = users.filter((u) => inHoldout('journey-1', u, 10));
    // Binomial(10,000, 0.1): mean 1,000, standard deviation 30; four deviations either way.
    expect(held.length).toBeGreaterThan(880);
    expect(held.length).toBeLessThan(1120);
    expect(users.filter((u) => inHoldout('journey-1', u, 10))).toEqual(held);
    // Raising the share only adds users; another journey draws its own group.
    expect(held.every((u) => inHoldout('journey-1', u, 20))).toBe(true);
    const other = users.filter((u) => inHoldout('journey-2', u, 10));
    expect(other.filter((u) => held.includes(u)).length).toBeLessThan(200);
    expect(users.some((u) => inHoldout('journey-1', u, undefined))).toBe(false);
  });
});

describe('holdout in the interpreter', () => {
  const ir = (() => {
    const result = compile(
      {
        name: 'H',
        graph: {
          nodes: [
            { id: 't', type: 'trigger', data: { kind: 'event', event: 'go' } },
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
            { id: 'm', type: 'message', data: { channel: 'push', template: { title: 'x', body: 'y' } } },
            { id: 'x', type: 'exit', data: {} },
          ],
          edges: [
            { source: 't', target: 's' },
            { source: 's', sourceHandle: 'a', target: 'm' },
            { source: 's', sourceHandle: 'b', target: 'm' },
            { source: 'm', target: 'x' },
          ],
        },
        settings: { holdout: { percent: 30 } },
      },
      { journey: { id: 'jh', version: 1 } },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.ir;
  })();
  const run = (userId: string) => {
    const trigger = { name: 'go', properties: {}, timestamp: '2027-01-01T00:00:00.000Z', messageId: `go-${userId}` };
    return step(ir, initialState(ir, { userId, trigger }), { type: 'start', now: trigger.timestamp });
  };
  const users = Array.from({ length: 40 }, (_, i) => `u${i}`);
  const control = users.find((u) => inHoldout('jh', u, 30))!;
  const treated = users.find((u) => !inHoldout('jh', u, 30))!;

  it('walks a control user through the journey without a send and without the optimizer', () => {
    const { state, commands } = run(control);
    expect(commands.filter((c) => c.type === 'request')).toEqual([]);
    expect(state.path.map((p) => `${p.nodeId}:${p.outcome}`)).toEqual([
      't:entered',
      `s:${assignVariant('jh', 's', control, [
        { id: 'a', weight: 50 },
        { id: 'b', weight: 50 },
      ])}`,
      'm:skipped:holdout',
      'x:exit',
    ]);
    expect(commands.find((c) => c.type === 'moved' && c.fromNodeId === 's')).toMatchObject({ split: true });
    expect(state.done?.reason).toBe('exit');
  });

  it('asks the optimizer for a treated user', () => {
    const { commands } = run(treated);
    expect(commands.filter((c) => c.type === 'request').map((c) => c.type === 'request' && c.kind)).toEqual([
      'chooseVariant',
    ]);
  });
});
