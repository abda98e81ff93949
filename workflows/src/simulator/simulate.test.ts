import { describe, expect, it } from 'vitest';
import { simulate } from './simulate.js';

const trigger = { name: 'signed_up', timestamp: '2027-01-01T00:00:00.000Z' };
const journey = (duration: string) => ({
  name: 'Doc',
  graph: {
    nodes: [
      { id: 't', type: 'trigger', data: { kind: 'event', event: 'signed_up' } },
      { id: 'd', type: 'delay', data: { duration } },
      { id: 'm', type: 'message', data: { channel: 'sms', template: { body: 'Hi {{ profile.first_name }}' } } },
      { id: 'x', type: 'exit', data: {} },
    ],
    edges: [
      { source: 't', target: 'd' },
      { source: 'd', target: 'm' },
      { source: 'm', target: 'x' },
    ],
  },
});

describe('simulate', () => {
  it('compiles a document and runs it on the virtual clock', () => {
    const result = simulate(journey('P2D'), {
      profile: { userId: 'u', first_name: 'Jo', phone: '+15550001' },
      trigger,
    });
    expect(result.messages).toEqual([
      { nodeId: 'm', at: '2027-01-03T00:00:00.000Z', channel: 'sms', rendered: { body: 'Hi Jo' } },
    ]);
    expect(result.end).toEqual({ reason: 'exit', at: '2027-01-03T00:00:00.000Z', nodeId: 'x' });
  });

  it('reports compile errors instead of running an invalid document', () => {
    const result = simulate(journey('soon'), { profile: { userId: 'u' }, trigger });
    expect(result.end.reason).toBe('invalid');
    expect(result.errors).toEqual([expect.objectContaining({ code: 'invalid_data', nodeId: 'd' })]);
  });

  it('skips a message the profile cannot receive', () => {
    const result = simulate(journey('PT1M'), { profile: { userId: 'u' }, trigger });
    expect(result.messages).toEqual([]);
    expect(result.steps.find((s) => s.nodeId === 'm')?.outcome).toBe('skipped:sms');
  });

  it('updates the profile with set (Liquid), unset and increment, and later steps see it', () => {
    const result = simulate(
      {
        name: 'Profile',
        graph: {
          nodes: [
            { id: 't', type: 'trigger', data: { kind: 'event', event: 'order_completed' } },
            {
              id: 'u',
              type: 'updateProfile',
              data: {
                set: { lastProduct: '{{ event.properties.name }}' },
                unset: ['cartOpen'],
                increment: { orders: 1 },
              },
            },
            {
              id: 'b',
              type: 'branch',
              data: { branches: [{ id: 'repeat', condition: { attr: 'profile.orders', op: 'gte', value: 2 } }] },
            },
            { id: 'r', type: 'exit', data: {} },
            { id: 'f', type: 'exit', data: {} },
          ],
          edges: [
            { source: 't', target: 'u' },
            { source: 'u', target: 'b' },
            { source: 'b', sourceHandle: 'repeat', target: 'r' },
            { source: 'b', sourceHandle: 'else', target: 'f' },
          ],
        },
      },
      {
        profile: { userId: 'u', orders: 1, cartOpen: true },
        trigger: { ...trigger, name: 'order_completed', properties: { name: 'Case' } },
      },
    );
    expect(result.steps.map((s) => `${s.nodeId}:${s.outcome}`)).toEqual([
      't:entered',
      'u:updated',
      'b:repeat',
      'r:exit',
    ]);
  });
});
