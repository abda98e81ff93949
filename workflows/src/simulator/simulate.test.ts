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

  it('marks the message steps where it assumed the contact policy let the send through', () => {
    const messages = (data: Record<string, unknown>[], settings: Record<string, unknown> = {}) => {
      const ids = ['t', ...data.map((_, i) => `m${i}`), 'x'];
      return {
        name: 'Policy',
        graph: {
          nodes: [
            { id: 't', type: 'trigger', data: { kind: 'event', event: 'signed_up' } },
            ...data.map((d, i) => ({ id: `m${i}`, type: 'message', data: d })),
            { id: 'x', type: 'exit', data: {} },
          ],
          edges: ids.slice(1).map((target, i) => ({ source: ids[i]!, target })),
        },
        settings,
      };
    };
    const sms = { channel: 'sms', template: { body: 'Hi' } };
    const webhook = { channel: 'webhook', template: { url: 'https://example.com/hook', method: 'POST', body: '{}' } };
    const result = simulate(
      messages([
        sms,
        { ...sms, transactional: true },
        webhook,
        { channel: 'email', template: { subject: 'Hi', text: 'x' } },
      ]),
      {
        profile: { userId: 'u', phone: '+15550001' },
        trigger,
      },
    );
    expect(result.steps.map(({ nodeId, outcome, assumedAllowed }) => ({ nodeId, outcome, assumedAllowed }))).toEqual([
      { nodeId: 't', outcome: 'entered', assumedAllowed: undefined },
      // Sent as far as the simulator knows: opt-outs, quiet hours and caps are live data.
      { nodeId: 'm0', outcome: 'sent:sms', assumedAllowed: ['consent', 'quietHours', 'frequencyCaps'] },
      // Transactional: quiet hours and caps do not apply, consent does.
      { nodeId: 'm1', outcome: 'sent:sms', assumedAllowed: ['consent'] },
      // A webhook reaches a system: nothing of the policy applies.
      { nodeId: 'm2', outcome: 'sent:webhook', assumedAllowed: undefined },
      // No address: decided from the profile the simulator has, nothing assumed.
      { nodeId: 'm3', outcome: 'skipped:email', assumedAllowed: undefined },
      { nodeId: 'x', outcome: 'exit', assumedAllowed: undefined },
    ]);
    // A bypass journey skips quiet hours and caps, never consent.
    const bypass = simulate(messages([sms], { contactPolicy: 'bypass' }), {
      profile: { userId: 'u', phone: '+1555' },
      trigger,
    });
    expect(bypass.steps.find((s) => s.nodeId === 'm0')?.assumedAllowed).toEqual(['consent']);
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

  describe('scripted engagement', () => {
    const opened = { message: 'm', status: 'opened' };
    const openedBranch = (id: string) => ({
      id,
      type: 'branch',
      data: { branches: [{ id: 'yes', condition: opened }] },
    });
    /** Asks "opened m?" before m is sent, then an hour after it. */
    const engagementJourney = {
      name: 'Engagement',
      graph: {
        nodes: [
          { id: 't', type: 'trigger', data: { kind: 'event', event: 'signed_up' } },
          openedBranch('before'),
          { id: 'm', type: 'message', data: { channel: 'sms', template: { body: 'Hi' } } },
          { id: 'd', type: 'delay', data: { duration: 'PT1H' } },
          openedBranch('after'),
          { id: 'x', type: 'exit', data: {} },
        ],
        edges: [
          { source: 't', target: 'before' },
          { source: 'before', sourceHandle: 'yes', target: 'm' },
          { source: 'before', sourceHandle: 'else', target: 'm' },
          { source: 'm', target: 'd' },
          { source: 'd', target: 'after' },
          { source: 'after', sourceHandle: 'yes', target: 'x' },
          { source: 'after', sourceHandle: 'else', target: 'x' },
        ],
      },
    };
    const outcomes = (profile: Record<string, unknown>, after?: string) =>
      simulate(engagementJourney, {
        profile,
        trigger,
        answers: { message: { m: [{ status: 'clicked', ...(after ? { after } : {}) }] } },
      });
    const phone = { userId: 'u', phone: '+15550001' };

    it('counts an open only once the message is sent: not before it, and at once by default', () => {
      const result = outcomes(phone);
      expect(result.steps.map((s) => `${s.nodeId}:${s.outcome}`)).toEqual([
        't:entered',
        'before:else',
        'm:sent:sms',
        'd:waited',
        'after:yes',
        'x:exit',
      ]);
      expect(result.engagements).toEqual([{ nodeId: 'm', status: 'clicked', at: trigger.timestamp }]);
    });

    it('counts it at the scripted time after the send, not earlier', () => {
      expect(outcomes(phone, 'PT30M').steps.find((s) => s.nodeId === 'after')?.outcome).toBe('yes');
      const late = outcomes(phone, 'PT2H');
      expect(late.steps.find((s) => s.nodeId === 'after')?.outcome).toBe('else');
      expect(late.engagements).toEqual([{ nodeId: 'm', status: 'clicked', at: '2027-01-01T02:00:00.000Z' }]);
    });

    it('never opens a message that was not sent', () => {
      const result = outcomes({ userId: 'u' });
      expect(result.steps.find((s) => s.nodeId === 'm')?.outcome).toBe('skipped:sms');
      expect(result.steps.find((s) => s.nodeId === 'after')?.outcome).toBe('else');
      expect(result.engagements).toEqual([{ nodeId: 'm', status: 'clicked' }]);
    });

    it('delivers the engagement as the message_<status> event a wait can catch', () => {
      const result = simulate(
        {
          name: 'Wait for the open',
          graph: {
            nodes: [
              { id: 't', type: 'trigger', data: { kind: 'event', event: 'signed_up' } },
              { id: 'm', type: 'message', data: { channel: 'sms', template: { body: 'Hi' } } },
              {
                id: 'w',
                type: 'waitForEvent',
                data: {
                  event: 'message_opened',
                  where: { attr: 'event.properties.nodeId', op: 'eq', value: 'm' },
                  timeout: 'P1D',
                },
              },
              { id: 'x', type: 'exit', data: {} },
            ],
            edges: [
              { source: 't', target: 'm' },
              { source: 'm', target: 'w' },
              { source: 'w', sourceHandle: 'matched', target: 'x' },
              { source: 'w', sourceHandle: 'timeout', target: 'x' },
            ],
          },
        },
        { profile: phone, trigger, answers: { message: { m: [{ status: 'opened', after: 'PT3H' }] } } },
      );
      expect(result.steps.find((s) => s.nodeId === 'w')).toEqual({
        nodeId: 'w',
        at: '2027-01-01T03:00:00.000Z',
        outcome: 'matched',
      });
    });
  });
});
