import type { JourneyDocumentInput } from '../schema/document.js';

/**
 * Example journey: "Time for a new case?" seven months after a tablet-case purchase, at 10:00 in
 * the buyer's time zone, naming and deep-linking the product bought; a coupon follows if they
 * browse but do not buy.
 */
export const replenishment = {
  name: 'Replenishment: tablet case after 7 months',
  graph: {
    nodes: [
      {
        id: 'trigger',
        type: 'trigger',
        data: {
          kind: 'event',
          event: 'order_completed',
          where: { attr: 'event.properties.category', op: 'eq', value: 'tablet-case' },
        },
      },
      { id: 'cycle', type: 'waitUntil', data: { at: '{{ event.timestamp }}', offset: 'P7M', localTime: '10:00' } },
      {
        id: 'reminder',
        type: 'message',
        data: {
          channels: [
            {
              channel: 'push',
              template: {
                title: 'Time for a new case?',
                body: 'Your {{ event.properties.name }} is 7 months old. Here is the same one, fresh.',
                url: '{{ event.properties.url }}',
              },
            },
            {
              channel: 'email',
              template: {
                subject: 'Time for a new {{ event.properties.name }}?',
                html: '<p>Hi {{ profile.first_name | default: "there" }}, your <a href="{{ event.properties.url }}">{{ event.properties.name }}</a> is 7 months old.</p>',
              },
            },
          ],
        },
      },
      { id: 'browsed', type: 'waitForEvent', data: { event: 'product_viewed', timeout: 'P3D' } },
      { id: 'bought', type: 'waitForEvent', data: { event: 'order_completed', timeout: 'P2D' } },
      {
        id: 'coupon',
        type: 'message',
        data: {
          channel: 'email',
          template: {
            subject: 'Did you like it? Here is 10% off',
            html: '<p>Use code CASE10 on <a href="{{ event.properties.url }}">{{ event.properties.name }}</a>.</p>',
          },
        },
      },
      { id: 'end', type: 'exit', data: {} },
    ],
    edges: [
      { source: 'trigger', target: 'cycle' },
      { source: 'cycle', target: 'reminder' },
      { source: 'reminder', target: 'browsed' },
      { source: 'browsed', sourceHandle: 'matched', target: 'bought' },
      { source: 'browsed', sourceHandle: 'timeout', target: 'end' },
      { source: 'bought', sourceHandle: 'matched', target: 'end' },
      { source: 'bought', sourceHandle: 'timeout', target: 'coupon' },
      { source: 'coupon', target: 'end' },
    ],
  },
  settings: { reentry: 'always', timezone: 'Asia/Seoul' },
} satisfies JourneyDocumentInput;
