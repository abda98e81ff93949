import { emailBlocksToMjml } from '@waymark/workflows';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageModel } from '../../src/models/index.js';
import { pollUntil } from '../../src/services/wait.js';
import { startHarness, type Harness } from '../engine-harness.js';
import { waitForEmailTo } from '../helpers.js';

/** An email as the designer's block editor writes it: MJML with Liquid in its text and link. */
const welcome = {
  name: 'Welcome (blocks)',
  graph: {
    nodes: [
      { id: 'start', type: 'trigger', data: { kind: 'event', event: 'signed_up' } },
      {
        id: 'hello',
        type: 'message',
        data: {
          channel: 'email',
          template: {
            subject: 'Welcome, {{ profile.firstName }}',
            html: emailBlocksToMjml([
              { type: 'heading', text: 'Welcome aboard, {{ profile.firstName }}!' },
              { type: 'text', text: 'Your {{ event.properties.plan }} plan is ready.\nNo card & no catch.' },
              {
                type: 'button',
                text: 'Open my account',
                href: 'https://shop.example/account?plan={{ event.properties.plan }}',
              },
              { type: 'divider' },
            ]),
          },
        },
      },
      { id: 'done', type: 'exit', data: {} },
    ],
    edges: [
      { source: 'start', target: 'hello' },
      { source: 'hello', target: 'done' },
    ],
  },
  settings: {},
};

describe('an email written in the block editor', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness('email-blocks');
    const created = await h.api<{ id: string }>('POST', '/api/journeys', welcome);
    expect(created.status).toBe(201);
    expect(await h.api('POST', `/api/journeys/${created.body.id}/publish`)).toMatchObject({ status: 200 });
  });
  afterAll(async () => h?.stop());

  it('arrives as HTML built from its MJML, Liquid filled in, with a text part', async () => {
    const user = `bea-${Date.now()}`;
    await h.identify(user, { email: `${user}@example.com`, firstName: 'Bea' });
    await h.track(user, 'signed_up', { plan: 'Pro' });

    const email = await waitForEmailTo(`${user}@example.com`);
    expect(email.subject).toBe('Welcome, Bea');
    expect(email.html).toMatch(/^<!doctype html>/i);
    expect(email.html).not.toContain('<mj-');
    expect(email.html).toContain('Welcome aboard, Bea!');
    expect(email.html).toContain('Your Pro plan is ready.<br />No card &amp; no catch.');
    expect(email.html).toContain('Open my account');
    // The outbox settles once the relay's 250 is back, which may be just after MailDev shows the email.
    const message = await pollUntil(
      'the outbox to settle',
      async () => (await MessageModel.findOne({ userId: user, status: { $ne: 'sending' } }).lean()) ?? undefined,
    );
    expect(message).toMatchObject({ channel: 'email', status: 'delivered' });
    // The button's link goes through click tracking, which leads to the link the block named.
    const link = /<a\s+href="(http:\/\/waymark\.test\/c\/[^"]+)"[^>]*>[\s\S]*?Open my account/.exec(email.html)?.[1];
    const clicked = await fetch(link!.replace('http://waymark.test', h.app.base), { redirect: 'manual' });
    expect(clicked.headers.get('location')).toBe('https://shop.example/account?plan=Pro');
    expect(email.text).toContain('Welcome aboard, Bea!');
  });
});
