import type { JourneyDocumentInput } from '../schema/document.js';

/**
 * Example journey: guide first-time shoppers to the habit-formation point (3 orders within 30
 * days), nudging weekly by what they did so far, and leave once the habit has formed.
 */
export const onboarding = {
  name: 'Onboarding to the habit point',
  graph: {
    nodes: [
      { id: 'trigger', type: 'trigger', data: { kind: 'event', event: 'signed_up' } },
      {
        id: 'welcome',
        type: 'message',
        data: {
          channel: 'push',
          template: {
            title: 'Welcome, {{ profile.first_name | default: "friend" }}!',
            body: 'Your first order ships free.',
          },
        },
      },
      { id: 'settle', type: 'delay', data: { duration: 'P3D' } },
      {
        id: 'progress',
        type: 'branch',
        data: {
          branches: [
            {
              id: 'habit',
              label: '3+ orders in 30 days',
              condition: { performed: 'order_completed', count: { op: 'gte', value: 3 }, within: 'P30D' },
            },
            {
              id: 'expired',
              label: 'Past 60 days',
              condition: { not: { attr: 'event.timestamp', op: 'withinLast', value: 'P60D' } },
            },
            {
              id: 'started',
              label: 'Ordered at least once',
              condition: { performed: 'order_completed', within: 'P30D' },
            },
          ],
        },
      },
      {
        id: 'next_order',
        type: 'message',
        data: {
          channel: 'push',
          template: { title: 'Your next order is on us', body: 'Order again this week for a surprise gift.' },
        },
      },
      {
        id: 'first_order',
        type: 'message',
        data: {
          channels: [
            { channel: 'push', template: { title: 'Need a hand?', body: 'Here is how your first order works.' } },
            { channel: 'email', template: { subject: 'Getting started', text: 'Here is how your first order works.' } },
          ],
        },
      },
      { id: 'week', type: 'delay', data: { duration: 'P7D' } },
      { id: 'formed', type: 'exit', data: {} },
    ],
    edges: [
      { source: 'trigger', target: 'welcome' },
      { source: 'welcome', target: 'settle' },
      { source: 'settle', target: 'progress' },
      { source: 'progress', sourceHandle: 'habit', target: 'formed' },
      { source: 'progress', sourceHandle: 'expired', target: 'formed' },
      { source: 'progress', sourceHandle: 'started', target: 'next_order' },
      { source: 'progress', sourceHandle: 'else', target: 'first_order' },
      { source: 'next_order', target: 'week' },
      { source: 'first_order', target: 'week' },
      { source: 'week', target: 'progress' },
    ],
  },
  settings: {
    reentry: 'never',
    goal: { event: 'order_completed', within: 'P30D', exit: false },
    exitOn: [{ event: 'account_deleted' }],
  },
} satisfies JourneyDocumentInput;
