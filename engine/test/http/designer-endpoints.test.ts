import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageModel, ProfileModel } from '../../src/models/index.js';
import { waitForEmailTo } from '../helpers.js';
import { startHarness, type Harness } from '../engine-harness.js';

const cartReminder = {
  name: 'Test sends',
  graph: {
    nodes: [
      { id: 't', type: 'trigger', data: { kind: 'event', event: 'added_to_cart' } },
      { id: 'm', type: 'message', data: { channel: 'email', template: { subject: 'x', text: 'x' } } },
      { id: 'x', type: 'exit', data: {} },
    ],
    edges: [
      { source: 't', target: 'm' },
      { source: 'm', target: 'x' },
    ],
  },
};

describe('endpoints the designer needs', () => {
  let h: Harness;
  let journeyId: string;
  beforeAll(async () => {
    h = await startHarness('designer-api');
    journeyId = (await h.api<{ id: string }>('POST', '/api/journeys', cartReminder)).body.id;
  });
  afterAll(async () => h?.stop());

  it('test-send: renders the edited message with the user and their latest event, and sends it through the real path', async () => {
    const user = `ts-${randomUUID()}`;
    const address = `${user}@example.com`;
    await h.identify(user, { email: address, first_name: 'Ann' });
    await h.track(user, 'viewed_product', { name: 'Tablet case' });
    const data = {
      channel: 'email',
      template: {
        subject: '{{ profile.first_name }}, still thinking about {{ event.properties.name }}?',
        text: 'Come back',
      },
    };
    const { status, body } = await h.api('POST', `/api/journeys/${journeyId}/test-send`, {
      userId: user,
      nodeId: 'm',
      data,
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'delivered', channel: 'email', messageId: expect.any(String) });
    expect((await waitForEmailTo(address)).subject).toBe('Ann, still thinking about Tablet case?');
    // A test: kept apart from the journey's stats (version 0) and caps.
    expect(await MessageModel.findById(body.messageId).lean()).toMatchObject({
      test: true,
      version: 0,
      capped: false,
      journeyId,
    });
  });

  it('test-send: still honours consent, and names what is wrong in bad requests', async () => {
    const user = `tsc-${randomUUID()}`;
    await h.identify(user, { email: `${user}@example.com` });
    await ProfileModel.updateOne(
      { userId: user },
      { $set: { 'consent.email': { subscribed: false, updatedAt: new Date() } } },
    );
    const data = { channel: 'email', template: { subject: 'Hi', text: 'x' } };
    expect(
      (await h.api('POST', `/api/journeys/${journeyId}/test-send`, { userId: user, nodeId: 'm', data })).body,
    ).toMatchObject({ status: 'skipped', reason: 'no_consent' });

    const badTemplate = await h.api('POST', `/api/journeys/${journeyId}/test-send`, {
      userId: user,
      nodeId: 'm',
      data: { channel: 'email', template: { text: 'no subject' } },
    });
    expect(badTemplate.status).toBe(400);
    expect(badTemplate.body.error.message).toMatch(/^Invalid message: /);
    expect(
      (await h.api('POST', `/api/journeys/${journeyId}/test-send`, { userId: 'nobody', nodeId: 'm', data })).status,
    ).toBe(404);
    expect((await h.api('POST', `/api/journeys/nope/test-send`, { userId: user, nodeId: 'm', data })).status).toBe(404);
  });

  it('event names: recent names by prefix, most recent first, with counts', async () => {
    const user = `en-${randomUUID()}`;
    await h.track(user, 'checkout_started');
    await h.track(user, 'checkout_completed');
    await h.track(user, 'checkout_completed');
    const { body } = await h.api<{ names: { name: string; count: number; lastSeenAt: string }[] }>(
      'GET',
      '/api/events/names?prefix=checkout_&limit=5',
    );
    expect(body.names.map((n) => [n.name, n.count])).toEqual([
      ['checkout_completed', 2],
      ['checkout_started', 1],
    ]);
    expect((await h.api('GET', '/api/events/names?prefix=.*')).body.names).toEqual([]);
    expect((await h.api('GET', '/api/events/names?limit=0')).status).toBe(400);
  });

  it('fields: the profile fields and event properties real data carries, as Liquid paths with an example', async () => {
    const user = `fl-${randomUUID()}`;
    await h.identify(user, { email: `${user}@example.com`, firstName: 'Ann', address: { city: 'Seoul' } });
    await h.track(user, 'wishlist_added', { productName: 'Tablet case', price: 19 });
    const { body } = await h.api<{
      profile: { path: string; example: string }[];
      event: { path: string; count: number; example: string }[];
    }>('GET', '/api/fields?event=wishlist_added');
    expect(body.profile.map((field) => field.path)).toEqual(
      expect.arrayContaining(['profile.firstName', 'profile.email', 'profile.address.city', 'profile.userId']),
    );
    expect(body.profile.find((field) => field.path === 'profile.firstName')?.example).toBeTypeOf('string');
    expect(body.event).toEqual([
      { path: 'event.properties.price', count: 1, example: '19' },
      { path: 'event.properties.productName', count: 1, example: 'Tablet case' },
    ]);
  });
});
