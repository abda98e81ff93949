/** An optimize-mode split between two SMS (sandbox) messages, a 20% holdout, and a purchase goal. */
export const experiment = {
  name: 'Welcome experiment',
  graph: {
    nodes: [
      { id: 'trigger', type: 'trigger', data: { kind: 'event', event: 'signed_up' } },
      {
        id: 'split',
        type: 'split',
        data: {
          mode: 'optimize',
          variants: [
            { id: 'a', weight: 50 },
            { id: 'b', weight: 50 },
          ],
        },
      },
      { id: 'sms_a', type: 'message', data: { channel: 'sms', template: { body: 'Welcome (A)' } } },
      { id: 'sms_b', type: 'message', data: { channel: 'sms', template: { body: 'Welcome (B)' } } },
      { id: 'wait', type: 'waitForEvent', data: { event: 'purchased', timeout: 'P1D' } },
      { id: 'done', type: 'exit', data: {} },
    ],
    edges: [
      { source: 'trigger', target: 'split' },
      { source: 'split', sourceHandle: 'a', target: 'sms_a' },
      { source: 'split', sourceHandle: 'b', target: 'sms_b' },
      { source: 'sms_a', target: 'wait' },
      { source: 'sms_b', target: 'wait' },
      { source: 'wait', sourceHandle: 'matched', target: 'done' },
      { source: 'wait', sourceHandle: 'timeout', target: 'done' },
    ],
  },
  settings: { goal: { event: 'purchased', within: 'P1D', exit: true }, holdout: { percent: 20 } },
};
