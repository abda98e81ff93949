import { describe, expect, it } from 'vitest';
import { verifyToken } from '../tracking/tokens.js';
import { prepareMessage } from './prepare.js';

const context = {
  profile: {
    userId: 'ann',
    email: 'ann@example.com',
    phone: '+821012345678',
    first_name: 'Ann',
    devices: [
      { platform: 'fcm', token: 'tok-1' },
      { platform: 'fax', token: 'x' },
    ],
  },
  event: {
    name: 'order_completed',
    properties: { name: 'Tablet case', id: '42' },
    timestamp: '2027-02-01T00:00:00.000Z',
  },
  journey: { id: 'j1', name: 'Replenish', version: 3 },
  message: { id: 'msg-1' },
};
const options = { emailFrom: 'Shop <shop@example.com>' };

describe('prepareMessage', () => {
  it('renders SMS and WhatsApp bodies to the profile phone', async () => {
    expect(
      await prepareMessage(
        'sms',
        { body: 'Hi {{ profile.first_name }}, time for a new {{ event.properties.name }}?' },
        context,
        options,
      ),
    ).toEqual({
      ok: true,
      message: { to: '+821012345678', body: 'Hi Ann, time for a new Tablet case?' },
    });
    const sessionAt = new Date('2027-02-01T10:00:00Z');
    expect(
      await prepareMessage('whatsapp', { body: 'Hi {{ profile.first_name }}' }, context, {
        ...options,
        whatsappSessionAt: sessionAt,
      }),
    ).toEqual({
      ok: true,
      message: { to: '+821012345678', body: 'Hi Ann', lastInboundAt: sessionAt },
    });
    const contentSid = `HX${'0'.repeat(32)}`;
    expect(
      await prepareMessage(
        'whatsapp',
        { contentSid, variables: { '1': '{{ profile.first_name }}', '2': '{{ event.properties.name }}' } },
        context,
        options,
      ),
    ).toEqual({
      ok: true,
      message: { to: '+821012345678', contentSid, variables: { '1': 'Ann', '2': 'Tablet case' } },
    });
  });

  it('targets the profile devices for push, skipping unknown platforms', async () => {
    const prepared = await prepareMessage(
      'push',
      {
        title: 'New {{ event.properties.name }}?',
        body: 'b',
        url: 'shop://p/{{ event.properties.id }}',
        data: { id: '{{ event.properties.id }}' },
      },
      context,
      options,
    );
    expect(prepared).toEqual({
      ok: true,
      message: {
        devices: [{ platform: 'fcm', token: 'tok-1' }],
        title: 'New Tablet case?',
        body: 'b',
        url: 'shop://p/42',
        data: { id: '42' },
      },
    });
  });

  it('renders webhook URL, headers and body', async () => {
    const prepared = await prepareMessage(
      'webhook',
      {
        url: 'https://crm.example.com/users/{{ profile.userId }}',
        method: 'POST',
        headers: { 'x-journey': '{{ journey.name }}' },
        body: '{"product":"{{ event.properties.name }}"}',
      },
      context,
      options,
    );
    expect(prepared).toEqual({
      ok: true,
      message: {
        url: 'https://crm.example.com/users/ann',
        method: 'POST',
        headers: { 'x-journey': 'Replenish' },
        body: '{"product":"Tablet case"}',
      },
    });
  });

  it('builds an email with a derived text part, signed unsubscribe_url and no tracking when not asked', async () => {
    const tracking = { baseUrl: 'https://w.example.com', secret: 'k' };
    const prepared = await prepareMessage(
      'email',
      {
        subject: 'Hi',
        html: '<p>Hello <b>{{ profile.first_name }}</b></p><p><a href="https://shop.example.com">Shop</a> <a href="{{ unsubscribe_url }}">Stop</a></p>',
      },
      context,
      { ...options, tracking },
    );
    if (!prepared.ok) throw new Error('expected ok');
    const unsubscribe = prepared.message.unsubscribeUrl ?? '';
    expect(verifyToken('k', unsubscribe.split('/').pop()!)).toEqual({ kind: 'unsubscribe', messageId: 'msg-1' });
    expect(prepared.message).toMatchObject({ to: 'ann@example.com', from: 'Shop <shop@example.com>', subject: 'Hi' });
    expect(prepared.message.text?.replace(/\s+/g, ' ')).toBe(
      `Hello Ann Shop [https://shop.example.com] Stop [${unsubscribe}]`,
    );
    expect(prepared.message.html).toContain(`<a href="${unsubscribe}">Stop</a>`);
    expect(prepared.message.html).toContain('href="https://w.example.com/c/');

    const untracked = await prepareMessage(
      'email',
      { subject: 'Hi', text: 'Plain {{ profile.first_name }}', from: 'Other <o@example.com>' },
      context,
      options,
    );
    expect(untracked).toEqual({
      ok: true,
      message: { to: 'ann@example.com', from: 'Other <o@example.com>', subject: 'Hi', text: 'Plain Ann' },
    });
  });

  it('reports render errors per field and sends nothing half-rendered', async () => {
    expect(
      await prepareMessage(
        'email',
        { subject: '{{ profile.first_name | shout }}', text: '{% if %}' },
        context,
        options,
      ),
    ).toEqual({
      ok: false,
      errors: [
        { field: 'subject', message: expect.stringContaining('shout') },
        { field: 'text', message: expect.any(String) },
      ],
    });
    expect(
      await prepareMessage(
        'email',
        { subject: 'x', html: '<mjml><mj-body><mj-unknown-tag/></mj-body></mjml>' },
        context,
        options,
      ),
    ).toEqual({
      ok: false,
      errors: [{ field: 'html', message: expect.stringMatching(/^MJML: /) }],
    });
  });

  it('reports a missing address', async () => {
    const anonymous = { ...context, profile: { userId: 'x' } };
    expect(await prepareMessage('sms', { body: 'x' }, anonymous, options)).toEqual({
      ok: false,
      errors: [{ field: 'to', message: 'the profile has no phone number' }],
    });
    expect(await prepareMessage('push', { title: 't', body: 'b' }, anonymous, options)).toMatchObject({
      ok: false,
      errors: [{ field: 'devices' }],
    });
    expect(await prepareMessage('email', { subject: 's', text: 't' }, anonymous, options)).toMatchObject({
      ok: false,
      errors: [{ field: 'to' }],
    });
  });
});
