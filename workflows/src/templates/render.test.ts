import { describe, expect, it } from 'vitest';
import { renderTemplate, type TemplateContext } from './render.js';

const context: TemplateContext = {
  profile: { userId: 'u1', first_name: 'Mina', email: 'mina@example.com' },
  event: { name: 'added_to_cart', properties: { name: 'Tablet case', price: 19.5 }, timestamp: '2027-03-01T09:00:00.000Z' },
  journey: { id: 'j', name: 'Cart', version: 2 },
  message: { id: 'msg-1' },
  unsubscribe_url: 'https://w.example/u/1',
};

describe('renderTemplate', () => {
  it('renders every field, nested ones included, from the DESIGN.md §3 context', () => {
    const result = renderTemplate({ title: 'Hi {{ profile.first_name }}', body: '{{ event.properties.name }} for ${{ event.properties.price }}', data: { journey: '{{ journey.id }}:{{ journey.version }}', message: '{{ message.id }}' } }, context);
    expect(result).toEqual({ ok: true, rendered: { title: 'Hi Mina', body: 'Tablet case for $19.5', data: { journey: 'j:2', message: 'msg-1' } } });
  });

  it('renders unknown variables empty and lets default fill them', () => {
    const result = renderTemplate({ body: 'Hi {{ profile.nickname }}|{{ profile.nickname | default: "there" }}' }, context);
    expect(result).toEqual({ ok: true, rendered: { body: 'Hi |there' } });
  });

  it('reports unknown filters per field and renders nothing half-way', () => {
    const result = renderTemplate({ subject: 'Fine {{ profile.first_name }}', html: '{{ profile.first_name | shout }}', text: 'ok' }, context);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([{ field: 'html', message: expect.stringContaining('shout') }]);
    expect(result).not.toHaveProperty('rendered');
  });

  it('escapes values in email HTML (not in subject or text), and | raw opts out', () => {
    const context = { profile: { first_name: '<b>Ann</b> & co' }, journey: { id: 'j', name: 'J', version: 1 }, message: { id: 'm' } };
    const result = renderTemplate({ subject: 'Hi {{ profile.first_name }}', html: '<p>Hi {{ profile.first_name }}</p><p>{{ profile.first_name | raw }}</p>', text: 'Hi {{ profile.first_name }}' }, context);
    expect(result).toEqual({ ok: true, rendered: { subject: 'Hi <b>Ann</b> & co', html: '<p>Hi &lt;b&gt;Ann&lt;/b&gt; &amp; co</p><p><b>Ann</b> & co</p>', text: 'Hi <b>Ann</b> & co' } });
  });
});
