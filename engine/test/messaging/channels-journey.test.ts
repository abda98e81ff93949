import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFcmStandin, type FcmStandin } from '../../../channels/test/standins/fcm.js';
import { startTwilioStandin, twilioSignature, type TwilioStandin } from '../../../channels/test/standins/twilio.js';
import { pollUntil } from '../../src/services/wait.js';
import { EventModel, MessageModel, ProfileModel, TransitionModel } from '../../src/models/index.js';
import { startHarness, tokens, type Harness } from '../engine-harness.js';

const account = { sid: `AC${'1'.repeat(32)}`, authToken: 'twilio-secret' };
/** The URL Twilio calls and signs: the engine's public URL (the harness's) plus the path. */
const callbackUrl = 'http://waymark.test/webhooks/twilio';
const serviceKey = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

/** API-triggered: one message, then wait for its delivery report and branch on it. */
function deliveryJourney(name: string, message: Record<string, unknown>) {
  return {
    name,
    graph: {
      nodes: [
        { id: 't', type: 'trigger', data: { kind: 'api' } },
        { id: 'm', type: 'message', data: message },
        { id: 'w', type: 'waitForEvent', data: { event: 'message_delivered', timeout: 'PT1M' } },
        {
          id: 'b',
          type: 'branch',
          data: { branches: [{ id: 'delivered', condition: { message: 'm', status: 'delivered' } }] },
        },
        { id: 'yes', type: 'exit', data: {} },
        { id: 'no', type: 'exit', data: {} },
      ],
      edges: [
        { source: 't', target: 'm' },
        { source: 'm', target: 'w' },
        { source: 'w', sourceHandle: 'matched', target: 'b' },
        { source: 'w', sourceHandle: 'timeout', target: 'no' },
        { source: 'b', sourceHandle: 'delivered', target: 'yes' },
        { source: 'b', sourceHandle: 'else', target: 'no' },
      ],
    },
    settings: { reentry: 'always' },
  };
}

/** Consent as stored (a lean document holds the map as a plain object). */
const smsConsent = async (userId: string) =>
  ((await ProfileModel.findOne({ userId }).lean())?.consent as unknown as Record<string, unknown> | undefined)?.sms;

describe('channels through the journey path (real SDKs against local stand-ins)', () => {
  let h: Harness;
  let twilio: TwilioStandin;
  let fcm: FcmStandin;
  const journeys: Record<string, string> = {};

  /** Posts a form to the engine as Twilio would, signed for the public callback URL (`signedUrl`). */
  const fromTwilio = (fields: Record<string, string>, signature?: string, signedUrl = callbackUrl) =>
    fetch(`${h.app.base}${new URL(signedUrl).pathname}${new URL(signedUrl).search}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signature ?? twilioSignature(account.authToken, signedUrl, fields),
      },
      body: new URLSearchParams(fields),
    });

  async function trigger(journey: string, userId: string, data: Record<string, unknown> = {}): Promise<string> {
    const { status, body } = await h.api<{ workflowId: string }>('POST', `/api/journeys/${journeys[journey]}/trigger`, {
      userId,
      data,
    });
    expect(status).toBe(202);
    return body.workflowId;
  }

  beforeAll(async () => {
    twilio = await startTwilioStandin(account);
    fcm = await startFcmStandin({
      projectId: 'shop-app',
      clientEmail: 'push@shop-app.iam.gserviceaccount.com',
      publicKeyPem: serviceKey.publicKey,
    });
    const twilioConfig = {
      accountSid: account.sid,
      authToken: account.authToken,
      from: '+15550001111',
      whatsappFrom: '+15550002222',
      statusCallbackUrl: callbackUrl,
      apiBaseUrl: twilio.url,
    };
    h = await startHarness('channels', {
      channels: {
        sms: { provider: 'twilio', config: twilioConfig },
        whatsapp: { provider: 'twilio', config: twilioConfig },
        push: {
          provider: 'push',
          config: {
            fcm: {
              serviceAccount: {
                project_id: 'shop-app',
                client_email: 'push@shop-app.iam.gserviceaccount.com',
                private_key: serviceKey.privateKey,
                token_uri: fcm.tokenUri,
              },
              apiBaseUrl: fcm.url,
            },
          },
        },
      },
    });
    const definitions = {
      sms: deliveryJourney('SMS delivery', {
        channel: 'sms',
        template: { body: 'Hi {{ profile.first_name }}, {{ event.properties.product }} is back in stock' },
      }),
      whatsapp: deliveryJourney('WhatsApp session', {
        channel: 'whatsapp',
        template: { body: 'Hi {{ profile.first_name }}, your {{ event.properties.product }} is ready' },
      }),
      push: deliveryJourney('Push', {
        channel: 'push',
        template: {
          title: 'Still thinking about {{ event.properties.product }}?',
          body: 'Hi {{ profile.first_name }}',
        },
      }),
    };
    for (const [key, definition] of Object.entries(definitions)) {
      journeys[key] = (await h.api<{ id: string }>('POST', '/api/journeys', definition)).body.id;
      expect((await h.api('POST', `/api/journeys/${journeys[key]}/publish`)).status).toBe(200);
    }
  });
  afterAll(async () => {
    await h?.stop();
    await Promise.all([twilio?.close(), fcm?.close()]);
  });

  it('SMS: personalised text reaches Twilio, the signed delivery callback becomes an event the journey branches on', async () => {
    const user = `sms-${randomUUID()}`;
    const phone = '+15557770001';
    await h.identify(user, { first_name: 'Ann', phone });
    const workflowId = await trigger('sms', user, { product: 'Tablet case' });

    const sent = await pollUntil('the SMS at the Twilio stand-in', async () =>
      twilio.messages.find((m) => m.params.To === phone),
    );
    expect(sent.params).toMatchObject({
      From: '+15550001111',
      Body: 'Hi Ann, Tablet case is back in stock',
      StatusCallback: expect.stringMatching(/^http:\/\/waymark\.test\/webhooks\/twilio\?message=[0-9a-f]{24}$/),
    });
    // The provider's answer recorded (exists() answers null until then: pollUntil waits only on undefined).
    await pollUntil('the outbox entry', async () =>
      (await MessageModel.exists({ providerMessageId: sent.sid })) ? true : undefined,
    );

    const forged = await fromTwilio(
      { MessageSid: sent.sid, MessageStatus: 'delivered', AccountSid: account.sid },
      'bad-signature',
    );
    expect(forged.status).toBe(403);
    const delivered = await fromTwilio({
      MessageSid: sent.sid,
      SmsSid: sent.sid,
      MessageStatus: 'delivered',
      AccountSid: account.sid,
      From: '+15550001111',
      To: phone,
    });
    expect(delivered.status).toBe(200);

    await h.temporal.workflow.getHandle(workflowId).result();
    expect(await MessageModel.findOne({ providerMessageId: sent.sid }).lean()).toMatchObject({
      status: 'delivered',
      channel: 'sms',
    });
    expect(await EventModel.exists({ userId: user, name: 'message_delivered' })).toBeTruthy();
    expect((await TransitionModel.find({ workflowId }).lean()).map((t) => t.nodeId)).toEqual([
      't',
      'm',
      'w',
      'b',
      'yes',
    ]);
  });

  it('SMS: a delivery callback that comes before Twilio has answered the send still finds its message', async () => {
    const user = `early-${randomUUID()}`;
    const phone = '+15557770009';
    await h.identify(user, { first_name: 'Eli', phone });
    const release = twilio.holdAnswers();
    let workflowId: string;
    try {
      workflowId = await trigger('sms', user, { product: 'Lamp' });
      const sent = await pollUntil('the SMS at the Twilio stand-in', async () =>
        twilio.messages.find((m) => m.params.To === phone),
      );
      // The send call is still waiting for Twilio's answer: the outbox knows no provider id yet.
      expect(await MessageModel.findOne({ userId: user }).lean()).toMatchObject({ status: 'sending' });
      const delivered = await fromTwilio(
        { MessageSid: sent.sid, SmsSid: sent.sid, MessageStatus: 'delivered', AccountSid: account.sid, To: phone },
        undefined,
        sent.params.StatusCallback,
      );
      expect(delivered.status).toBe(200);
      expect(await MessageModel.findOne({ userId: user }).lean()).toMatchObject({ status: 'delivered' });
    } finally {
      release();
    }
    await h.temporal.workflow.getHandle(workflowId).result();
    // The answer that came after did not move the status back, and the provider id is recorded.
    const message = await MessageModel.findOne({ userId: user }).lean();
    expect(message).toMatchObject({ status: 'delivered', providerMessageId: expect.stringMatching(/^SM/) });
    expect(message!.history.map((entry) => entry.status)).toEqual(['sending', 'delivered', 'sent']);
    expect(await EventModel.countDocuments({ userId: user, name: 'message_delivered' })).toBe(1);
    expect((await TransitionModel.find({ workflowId }).lean()).map((t) => t.nodeId)).toContain('yes');
  });

  it('SMS: an inbound STOP unsubscribes the sender from SMS; later sends are skipped for consent; START subscribes again', async () => {
    const user = `stop-${randomUUID()}`;
    const phone = '+15557770002';
    await h.identify(user, { first_name: 'Bo', phone });
    const inbound = (body: string) =>
      fromTwilio({
        MessageSid: `SM${randomUUID().replace(/-/g, '')}`,
        From: phone,
        To: '+15550001111',
        Body: body,
        AccountSid: account.sid,
        SmsStatus: 'received',
      });
    expect((await inbound('STOP')).status).toBe(200);
    expect(await smsConsent(user)).toMatchObject({ subscribed: false, source: 'sms_stop' });
    expect(await EventModel.exists({ userId: user, name: 'unsubscribed' })).toBeTruthy();

    const workflowId = await trigger('sms', user, { product: 'Lamp' });
    await pollUntil(
      'the skipped message',
      async () => (await MessageModel.findOne({ workflowId, status: 'skipped' }).lean()) ?? undefined,
    );
    expect(await MessageModel.findOne({ workflowId }).lean()).toMatchObject({
      status: 'skipped',
      reason: 'no_consent',
    });
    expect(twilio.messages.some((m) => m.params.To === phone)).toBe(false);
    await h.temporal.workflow.getHandle(workflowId).terminate('test done');

    expect((await inbound('START')).status).toBe(200);
    expect(await smsConsent(user)).toMatchObject({ subscribed: true });
  });

  it('WhatsApp: an inbound message opens the session window, and a session message goes out on the WhatsApp sender', async () => {
    const user = `wa-${randomUUID()}`;
    const phone = '+15557770003';
    await h.identify(user, { first_name: 'Cy', phone });
    // WhatsApp needs an opt-in; the user's own message opens the 24-hour window.
    await ProfileModel.updateOne(
      { userId: user },
      { $set: { 'consent.whatsapp': { subscribed: true, updatedAt: new Date(), source: 'checkout' } } },
    );
    const hello = await fromTwilio({
      MessageSid: `SM${randomUUID().replace(/-/g, '')}`,
      From: `whatsapp:${phone}`,
      To: 'whatsapp:+15550002222',
      Body: 'hello',
      AccountSid: account.sid,
    });
    expect(hello.status).toBe(200);
    expect((await ProfileModel.findOne({ userId: user }).lean())?.whatsappSessionAt).toBeInstanceOf(Date);

    const workflowId = await trigger('whatsapp', user, { product: 'order #42' });
    const sent = await pollUntil('the WhatsApp message', async () =>
      twilio.messages.find((m) => m.params.To === `whatsapp:${phone}`),
    );
    expect(sent.params).toMatchObject({ From: 'whatsapp:+15550002222', Body: 'Hi Cy, your order #42 is ready' });
    await pollUntil('the outbox entry', async () =>
      (await MessageModel.exists({ providerMessageId: sent.sid })) ? true : undefined,
    );
    await fromTwilio({ MessageSid: sent.sid, MessageStatus: 'read', AccountSid: account.sid });
    await h.temporal.workflow.getHandle(workflowId).terminate('test done');
    expect(await MessageModel.findOne({ providerMessageId: sent.sid }).lean()).toMatchObject({ status: 'read' });
  });

  it('Push: a token registered through /v1/devices gets the personalised notification through FCM; an unregistered token is pruned', async () => {
    const user = `push-${randomUUID()}`;
    await h.identify(user, { first_name: 'Di' });
    const register = (token: string) =>
      fetch(`${h.app.base}/v1/devices`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.writeKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ userId: user, platform: 'fcm', token }),
      });
    expect((await register('token-live')).status).toBe(200);
    expect((await register('token-dead')).status).toBe(200);
    expect((await register('token-live')).status).toBe(200); // once only
    fcm.unregistered.add('token-dead');

    const workflowId = await trigger('push', user, { product: 'Tablet case' });
    const sent = await pollUntil('the FCM message', async () =>
      fcm.messages.find((m) => m.message.token === 'token-live'),
    );
    expect(sent.message).toMatchObject({ notification: { title: 'Still thinking about Tablet case?', body: 'Hi Di' } });
    await pollUntil('the dead token pruned', async () =>
      (await ProfileModel.findOne({ userId: user }).lean())?.devices.length === 1 ? true : undefined,
    );
    expect((await ProfileModel.findOne({ userId: user }).lean())?.devices.map((d) => d.token)).toEqual(['token-live']);
    await h.temporal.workflow.getHandle(workflowId).terminate('test done');
  });

  it('rejects a device with a bad platform, naming the field', async () => {
    const response = await fetch(`${h.app.base}/v1/devices`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.writeKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'u', platform: 'pager', token: 't' }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /^Invalid request body: platform/,
    );
  });
});
