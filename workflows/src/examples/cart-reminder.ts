import type { JourneyDocumentInput } from '../schema/document.js';

/**
 * Example journey: someone adds to cart and does not buy within the "golden time" — push naming
 * the product. The golden time is an A/B test: 2 days against 1 day.
 */
export const cartReminder = {
  name: 'Cart reminder (golden time A/B)',
  graph: {
    nodes: [
      {
        id: 'trigger',
        type: 'trigger',
        data: { kind: 'event', event: 'added_to_cart', where: { attr: 'event.properties.productId', op: 'exists' } },
      },
      {
        id: 'golden_time',
        type: 'split',
        data: {
          variants: [
            { id: 'two_days', label: '2 days', weight: 50 },
            { id: 'one_day', label: '1 day', weight: 50 },
          ],
        },
      },
      { id: 'wait_2d', type: 'waitForEvent', data: { event: 'order_completed', timeout: 'P2D' } },
      { id: 'wait_1d', type: 'waitForEvent', data: { event: 'order_completed', timeout: 'P1D' } },
      {
        id: 'reminder',
        type: 'message',
        data: {
          channel: 'push',
          template: {
            title: 'Still thinking about {{ event.properties.name }}?',
            body: 'It is still in your cart. {{ event.properties.name }} is waiting for you.',
            url: '{{ event.properties.url }}',
          },
        },
      },
      { id: 'bought', type: 'exit', data: {} },
      { id: 'done', type: 'exit', data: {} },
    ],
    edges: [
      { source: 'trigger', target: 'golden_time' },
      { source: 'golden_time', sourceHandle: 'two_days', target: 'wait_2d' },
      { source: 'golden_time', sourceHandle: 'one_day', target: 'wait_1d' },
      { source: 'wait_2d', sourceHandle: 'matched', target: 'bought' },
      { source: 'wait_2d', sourceHandle: 'timeout', target: 'reminder' },
      { source: 'wait_1d', sourceHandle: 'matched', target: 'bought' },
      { source: 'wait_1d', sourceHandle: 'timeout', target: 'reminder' },
      { source: 'reminder', target: 'done' },
    ],
  },
  settings: { reentry: 'afterExit', cooldown: 'P1D', goal: { event: 'order_completed', within: 'P7D', exit: true } },
} satisfies JourneyDocumentInput;
