import { describe, expect, it } from 'vitest';
import { liquidLimitError, TEMPLATE_LIMITS } from './liquid.js';
import { renderFailureReason, renderTemplate, type TemplateContext } from './render.js';

const context: TemplateContext = {
  profile: { userId: 'u1', first_name: 'Mina', email: 'mina@example.com' },
  event: {
    name: 'added_to_cart',
    properties: { name: 'Tablet case', price: 19.5 },
    timestamp: '2027-03-01T09:00:00.000Z',
  },
  journey: { id: 'j', name: 'Cart', version: 2 },
  message: { id: 'msg-1' },
  unsubscribe_url: 'https://w.example/u/1',
};

describe('renderTemplate', () => {
  it('renders every field, nested ones included, from the documented Liquid context', () => {
    const result = renderTemplate(
      {
        title: 'Hi {{ profile.first_name }}',
        body: '{{ event.properties.name }} for ${{ event.properties.price }}',
        data: { journey: '{{ journey.id }}:{{ journey.version }}', message: '{{ message.id }}' },
      },
      context,
    );
    expect(result).toEqual({
      ok: true,
      rendered: { title: 'Hi Mina', body: 'Tablet case for $19.5', data: { journey: 'j:2', message: 'msg-1' } },
    });
  });

  it('renders unknown variables empty and lets default fill them', () => {
    const result = renderTemplate(
      { body: 'Hi {{ profile.nickname }}|{{ profile.nickname | default: "there" }}' },
      context,
    );
    expect(result).toEqual({ ok: true, rendered: { body: 'Hi |there' } });
  });

  it('reports unknown filters per field and renders nothing half-way', () => {
    const result = renderTemplate(
      { subject: 'Fine {{ profile.first_name }}', html: '{{ profile.first_name | shout }}', text: 'ok' },
      context,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([{ field: 'html', message: expect.stringContaining('shout') }]);
    expect(result).not.toHaveProperty('rendered');
  });

  it('escapes values in email HTML (not in subject or text), and | raw opts out', () => {
    const context = {
      profile: { first_name: '<b>Ann</b> & co' },
      journey: { id: 'j', name: 'J', version: 1 },
      message: { id: 'm' },
    };
    const result = renderTemplate(
      {
        subject: 'Hi {{ profile.first_name }}',
        html: '<p>Hi {{ profile.first_name }}</p><p>{{ profile.first_name | raw }}</p>',
        text: 'Hi {{ profile.first_name }}',
      },
      context,
    );
    expect(result).toEqual({
      ok: true,
      rendered: {
        subject: 'Hi <b>Ann</b> & co',
        html: '<p>Hi &lt;b&gt;Ann&lt;/b&gt; &amp; co</p><p><b>Ann</b> & co</p>',
        text: 'Hi <b>Ann</b> & co',
      },
    });
  });
});

describe('template limits', () => {
  const runaway = '{% for i in (1..100000000) %}x{% endfor %}';

  it('fails a runaway range at once with template_limit, naming the field', () => {
    const started = performance.now();
    const result = renderTemplate({ subject: 'Hi', html: `<p>${runaway}</p>` }, context);
    expect(performance.now() - started).toBeLessThan(TEMPLATE_LIMITS.renderMs);
    expect(result).toEqual({
      ok: false,
      errors: [{ field: 'html', code: 'template_limit', message: expect.stringContaining('allocates more than') }],
    });
    if (!result.ok) expect(renderFailureReason(result.errors)).toBe('template_limit');
  });

  it('stops a loop that runs too long, and caps the output size', () => {
    // Loops over the data's arrays allocate nothing liquidjs counts: the clock stops them.
    const items = Array.from({ length: 400 }, (_, i) => i);
    const started = performance.now();
    const slow = renderTemplate(
      {
        body: '{% for a in event.properties.items %}{% for b in event.properties.items %}{% for c in event.properties.items %}.{% endfor %}{% endfor %}{% endfor %}',
      },
      { ...context, event: { ...context.event!, properties: { items } } },
    );
    expect(slow).toEqual({
      ok: false,
      errors: [{ field: 'body', code: 'template_limit', message: expect.stringContaining('longer than 500 ms') }],
    });
    expect(performance.now() - started).toBeLessThan(TEMPLATE_LIMITS.renderMs * 3);
    const big = renderTemplate(
      {
        body: '{% for i in (1..999) %}{% for j in (1..99) %}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{% endfor %}{% endfor %}',
      },
      context,
    );
    expect(big).toEqual({
      ok: false,
      errors: [
        {
          field: 'body',
          code: 'template_limit',
          message: expect.stringMatching(/output is longer than|longer than 500 ms/),
        },
      ],
    });
  });

  it('keeps the plain render_error reason for other failures', () => {
    const result = renderTemplate({ body: '{{ profile.first_name | shout }}' }, context);
    if (result.ok) throw new Error('expected a failure');
    expect(renderFailureReason(result.errors)).toBe('render_error');
  });

  it('finds limits that hold whatever the data at compile time, and leaves data-sized loops to the send', () => {
    expect(liquidLimitError(runaway)).toMatch(/allocates more than/);
    expect(liquidLimitError('x'.repeat(TEMPLATE_LIMITS.sourceChars + 1))).toMatch(/longer than 100000 characters/);
    expect(liquidLimitError('{% for i in (1..event.properties.n) %}x{% endfor %}')).toBeUndefined();
    expect(liquidLimitError('Hi {{ profile.first_name }}')).toBeUndefined();
    expect(
      renderTemplate(
        { body: '{% for i in (1..event.properties.n) %}x{% endfor %}' },
        { ...context, event: { ...context.event!, properties: { n: 100_000_000 } } },
      ),
    ).toMatchObject({ ok: false, errors: [{ code: 'template_limit' }] });
  });
});
