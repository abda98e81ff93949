import { describe, expect, it } from 'vitest';
import { renderMessagePreviews } from './render-preview';

const context = {
  profile: { first_name: 'Ada' },
  event: { name: 'added_to_cart', properties: { name: 'Tablet case' }, timestamp: '2027-01-01T00:00:00.000Z' },
  journey: { id: 'j', name: 'J', version: 0 },
  nodeId: 'm',
};

describe('message preview', () => {
  it('renders Liquid against the sample profile and event, per channel of a fallback chain', () => {
    const previews = renderMessagePreviews(
      {
        channels: [
          {
            channel: 'push',
            template: {
              title: 'Still thinking about {{ event.properties.name }}?',
              body: 'Hi {{ profile.first_name }}',
            },
          },
          { channel: 'sms', template: { body: '{{ profile.first_name }}!' } },
        ],
      },
      context,
    );
    expect(previews).toEqual([
      { channel: 'push', rendered: { title: 'Still thinking about Tablet case?', body: 'Hi Ada' }, errors: [] },
      { channel: 'sms', rendered: { body: 'Ada!' }, errors: [] },
    ]);
  });

  it('reports Liquid errors by field', () => {
    const [preview] = renderMessagePreviews(
      { channel: 'email', template: { subject: 'Hi {{ profile.first_name', text: 'x' } },
      context,
    );
    expect(preview?.errors[0]?.field).toBe('subject');
  });
});
