import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventModel, MessageModel, ProfileModel } from '../../src/models/index.js';
import { pollUntil } from '../../src/services/wait.js';
import { startHarness, type Harness } from '../engine-harness.js';
import { shared, waitForEmailTo } from '../helpers.js';

/** A welcome email with a link, then: clicked within a minute -> thank-you SMS, else exit. */
const welcome = {
  name: 'Welcome with engagement branch',
  graph: {
    nodes: [
      { id: 't', type: 'trigger', data: { kind: 'event', event: 'tracked_signup' } },
      {
        id: 'mail',
        type: 'message',
        data: {
          channel: 'email',
          template: {
            subject: 'Welcome {{ profile.userId }}',
            html: '<p>See <a href="https://shop.example.com/new?u={{ profile.userId }}">what is new</a>. <a href="{{ unsubscribe_url }}">Unsubscribe</a></p>',
          },
        },
      },
      { id: 'w', type: 'waitForEvent', data: { event: 'message_clicked', timeout: 'PT1M' } },
      {
        id: 'b',
        type: 'branch',
        data: { branches: [{ id: 'clicked', condition: { message: 'mail', status: 'clicked' } }] },
      },
      { id: 'thanks', type: 'message', data: { channel: 'sms', template: { body: 'Thanks for looking!' } } },
      { id: 'x', type: 'exit', data: {} },
      { id: 'y', type: 'exit', data: {} },
    ],
    edges: [
      { source: 't', target: 'mail' },
      { source: 'mail', target: 'w' },
      { source: 'w', sourceHandle: 'matched', target: 'b' },
      { source: 'w', sourceHandle: 'timeout', target: 'x' },
      { source: 'b', sourceHandle: 'clicked', target: 'thanks' },
      { source: 'b', sourceHandle: 'else', target: 'x' },
      { source: 'thanks', target: 'y' },
    ],
  },
};

describe('email engagement: tracked links become events journeys branch on', () => {
  let h: Harness;
  let journeyId: string;
  beforeAll(async () => {
    h = await startHarness('tracking');
    journeyId = (await h.api<{ id: string }>('POST', '/api/journeys', welcome)).body.id;
    expect((await h.api('POST', `/api/journeys/${journeyId}/publish`)).status).toBe(200);
  });
  afterAll(async () => h?.stop());

  /** The engine's public URL in the email is http://waymark.test; the test server answers for it. */
  const local = (url: string) => url.replace('http://waymark.test', h.app.base);

  it('records the open and the click, redirects, and the journey branches on the click', async () => {
    const user = `click-${Date.now()}`;
    await h.identify(user, { email: `${user}@example.com`, phone: '+15550100' });
    await h.track(user, 'tracked_signup');
    const email = await waitForEmailTo(`${user}@example.com`);
    const workflowId = `journey:${journeyId}:${user}`;
    // MailDev may show the email before the worker has recorded the relay's answer: open it once delivered, as a
    // reader would (an open that came first would be followed by the delivery in the history).
    await pollUntil('the email delivered', async () =>
      (await MessageModel.exists({ workflowId, nodeId: 'mail', status: 'delivered' })) ? true : undefined,
    );

    const pixel = /<img[^>]+src="(http:\/\/waymark\.test\/o\/[^"]+)"/.exec(email.html)?.[1];
    const click = /href="(http:\/\/waymark\.test\/c\/[^"]+)"/.exec(email.html)?.[1];
    expect(pixel && click).toBeTruthy();
    const opened = await fetch(local(pixel!));
    expect(opened.headers.get('content-type')).toBe('image/gif');
    const clicked = await fetch(local(click!), { redirect: 'manual' });
    expect(clicked.status).toBe(302);
    expect(clicked.headers.get('location')).toBe(`https://shop.example.com/new?u=${user}`);

    expect(await h.temporal.workflow.getHandle(workflowId).result()).toMatchObject({ reason: 'exit', nodeId: 'y' });
    const mail = await MessageModel.findOne({ workflowId, nodeId: 'mail' }).lean();
    expect(mail?.status).toBe('clicked');
    expect(mail?.history.map((h) => h.status)).toEqual(['sending', 'delivered', 'opened', 'clicked']);
    expect(
      await EventModel.find({ userId: user, name: { $in: ['message_opened', 'message_clicked'] } }).distinct('name'),
    ).toEqual(['message_clicked', 'message_opened']);
    expect(await MessageModel.findOne({ workflowId, nodeId: 'thanks' }).lean()).toMatchObject({
      channel: 'sms',
      status: 'delivered',
    });
  });

  it('unsubscribes with the one-click POST from the email, and refuses forged links', async () => {
    const user = `unsub-${Date.now()}`;
    await h.identify(user, { email: `${user}@example.com` });
    await h.track(user, 'tracked_signup');
    const email = await waitForEmailTo(`${user}@example.com`);
    const source = await (await fetch(`${shared().inboxUrl}/api/email/${email.id}/source`)).text();
    const unsubscribe = /^List-Unsubscribe:\s+<([^>]+)>/m.exec(source)?.[1]; // the header may be folded
    expect(unsubscribe).toMatch(/^http:\/\/waymark\.test\/u\//);

    const response = await fetch(local(unsubscribe!), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(response.status).toBe(200);
    const profile = await ProfileModel.findOne({ userId: user }).lean();
    expect((profile?.consent as unknown as Record<string, unknown>)?.email).toMatchObject({
      subscribed: false,
      source: 'unsubscribe_link',
    });
    expect(await EventModel.exists({ userId: user, name: 'unsubscribed' })).toBeTruthy();

    const forged = await fetch(
      local(unsubscribe!).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
      { method: 'POST' },
    );
    expect(forged.status).toBe(404);
  });
});
