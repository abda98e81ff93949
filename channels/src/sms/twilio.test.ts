import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, listen, readBody, type RunningServer } from '../../test/standins/http.js';
import { startTwilioStandin, twilioSignature, type TwilioStandin } from '../../test/standins/twilio.js';
import { ProviderError, type WebhookEvent, type WebhookRequest } from '../types.js';
import { detectOptOut } from './keywords.js';
import type { TwilioConfig } from './twilio-client.js';
import { createTwilioSmsProvider, createTwilioWhatsappProvider } from './twilio-provider.js';
import { whatsappWindow } from './whatsapp-window.js';

const account = { sid: `AC${'1'.repeat(32)}`, authToken: 'secret-auth-token' };
const context = { idempotencyKey: 'k', messageId: 'm1', userId: 'ann' };
const HOUR = 3_600_000;

describe('Twilio SMS and WhatsApp (real twilio SDK against a Twilio-compatible endpoint)', () => {
  let twilioApi: TwilioStandin;
  let callbacks: RunningServer;
  const received: WebhookRequest[] = [];
  let config: TwilioConfig;

  beforeAll(async () => {
    twilioApi = await startTwilioStandin(account);
    // Stands for the engine's callback endpoint: records requests as an Express handler would see them.
    callbacks = await listen(async (req, res) => {
      const body = Object.fromEntries(new URLSearchParams((await readBody(req)).toString()));
      received.push({ url: `${callbacks.url}${req.url}`, headers: req.headers, body });
      res.writeHead(204).end();
    });
    config = {
      accountSid: account.sid,
      authToken: account.authToken,
      from: '+15005550006',
      whatsappFrom: '+14155238886',
      statusCallbackUrl: `${callbacks.url}/twilio/status`,
      apiBaseUrl: twilioApi.url,
    };
  });
  afterAll(async () => {
    await twilioApi.close();
    await callbacks.close();
  });

  const callbackFor = (sid: string, status: string) =>
    eventually(
      () => received.find((request) => request.body.MessageSid === sid && request.body.MessageStatus === status),
      `callback ${status}`,
    );

  it('sends an SMS with the sender and status callback, and verifies the account', async () => {
    const sms = createTwilioSmsProvider(config);
    await sms.verify();
    const result = await sms.send({ to: '+821012345678', body: 'Still thinking about the Tablet case?' }, context);
    expect(result).toEqual({ providerMessageId: expect.stringMatching(/^SM[0-9a-f]{32}$/), status: 'sent' });
    const stored = twilioApi.messages.find((message) => message.sid === result.providerMessageId);
    expect(stored?.params).toMatchObject({
      To: '+821012345678',
      From: '+15005550006',
      Body: 'Still thinking about the Tablet case?',
      // Names the outbox message: a callback that beats the send's answer still finds it.
      StatusCallback: `${callbacks.url}/twilio/status?message=m1`,
    });
  });

  it('prefers the messaging service as sender when configured', async () => {
    const sms = createTwilioSmsProvider({ ...config, messagingServiceSid: `MG${'2'.repeat(32)}` });
    const { providerMessageId } = await sms.send({ to: '+821012345678', body: 'hi' }, context);
    const stored = twilioApi.messages.find((message) => message.sid === providerMessageId);
    expect(stored?.params.MessagingServiceSid).toBe(`MG${'2'.repeat(32)}`);
    expect(stored?.params.From).toBeUndefined();
  });

  it('reports Twilio errors as rejected, not retryable', async () => {
    const wrongToken = createTwilioSmsProvider({ ...config, authToken: 'wrong' });
    await expect(wrongToken.verify()).rejects.toThrow(/Authenticate/);
    const error = await wrongToken.send({ to: '+821012345678', body: 'x' }, context).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: 'rejected', retryable: false, message: expect.stringContaining('20003') });
    await expect(createTwilioSmsProvider(config).send({ to: '010-1234', body: 'x' }, context)).rejects.toMatchObject({
      code: 'rejected',
      message: expect.stringContaining('21211'),
    });
  });

  it('refuses to build a provider without a sender', () => {
    expect(() => createTwilioSmsProvider({ ...config, from: undefined })).toThrow(/sender/);
    expect(() => createTwilioWhatsappProvider({ ...config, whatsappFrom: undefined })).toThrow(/sender/);
  });

  it('sends WhatsApp session messages inside the window and refuses them outside', async () => {
    const whatsapp = createTwilioWhatsappProvider(config);
    const inside = await whatsapp.send(
      { to: '+821012345678', body: 'Your order shipped', lastInboundAt: new Date(Date.now() - 23 * HOUR) },
      context,
    );
    expect(twilioApi.messages.find((message) => message.sid === inside.providerMessageId)?.params).toMatchObject({
      From: 'whatsapp:+14155238886',
      To: 'whatsapp:+821012345678',
      Body: 'Your order shipped',
    });

    const before = twilioApi.messages.length;
    await expect(
      whatsapp.send({ to: '+821012345678', body: 'late', lastInboundAt: new Date(Date.now() - 25 * HOUR) }, context),
    ).rejects.toMatchObject({ code: 'whatsapp_window_closed' });
    await expect(
      whatsapp.send({ to: '+821012345678', body: 'never wrote', lastInboundAt: undefined }, context),
    ).rejects.toMatchObject({ code: 'whatsapp_window_closed' });
    expect(twilioApi.messages.length).toBe(before);
  });

  it('sends approved WhatsApp templates with their variables at any time', async () => {
    const whatsapp = createTwilioWhatsappProvider(config);
    const contentSid = `HX${'a'.repeat(32)}`;
    const { providerMessageId } = await whatsapp.send(
      { to: '+821012345678', contentSid, variables: { '1': 'Ann', '2': 'Tablet case' } },
      context,
    );
    const params = twilioApi.messages.find((message) => message.sid === providerMessageId)?.params;
    expect(params).toMatchObject({ ContentSid: contentSid, To: 'whatsapp:+821012345678' });
    expect(JSON.parse(params?.ContentVariables ?? '')).toEqual({ '1': 'Ann', '2': 'Tablet case' });
    expect(params?.Body).toBeUndefined();
  });

  it('turns signed status callbacks into delivered / read / failed updates', async () => {
    const whatsapp = createTwilioWhatsappProvider(config);
    const { providerMessageId: sid } = await whatsapp.send(
      { to: '+821012345678', contentSid: `HX${'b'.repeat(32)}`, variables: {} },
      context,
    );
    await twilioApi.sendStatus(sid, 'delivered');
    await twilioApi.sendStatus(sid, 'read');
    await twilioApi.sendStatus(sid, 'undelivered', { ErrorCode: '63016' });
    const statuses = await Promise.all(
      ['delivered', 'read', 'undelivered'].map(async (status) =>
        whatsapp.parseWebhook!(await callbackFor(sid, status)),
      ),
    );
    expect(
      statuses.map((events) =>
        events.map(
          (event) =>
            event.type === 'status' && [
              event.update.providerMessageId,
              event.update.messageId,
              event.update.status,
              event.update.error?.code,
            ],
        ),
      ),
    ).toEqual([
      [[sid, 'm1', 'delivered', undefined]],
      [[sid, 'm1', 'read', undefined]],
      [[sid, 'm1', 'failed', '63016']],
    ]);
  });

  it('rejects callbacks whose signature does not match', async () => {
    const sms = createTwilioSmsProvider(config);
    const { providerMessageId: sid } = await sms.send({ to: '+821012345678', body: 'x' }, context);
    await twilioApi.sendStatus(sid, 'delivered');
    const genuine = await callbackFor(sid, 'delivered');
    expect(sms.parseWebhook!(genuine)).toHaveLength(1);
    const forged = { ...genuine, body: { ...genuine.body, MessageStatus: 'read' } };
    expect(() => sms.parseWebhook!(forged)).toThrow(expect.objectContaining({ code: 'invalid_signature' }));
    expect(() => sms.parseWebhook!({ ...genuine, url: `${genuine.url}&other` })).toThrow(ProviderError);
    // The message it names is signed too.
    expect(() => sms.parseWebhook!({ ...genuine, url: genuine.url.replace('message=m1', 'message=m2') })).toThrow(
      ProviderError,
    );
    expect(() => createTwilioSmsProvider({ ...config, authToken: 'other' }).parseWebhook!(genuine)).toThrow(
      ProviderError,
    );
  });

  it('reads inbound STOP as an opt-out of the channel it came on', async () => {
    const inbound = (fields: Record<string, string>): WebhookEvent[] => {
      const url = `${callbacks.url}/twilio/inbound`;
      const body = {
        AccountSid: account.sid,
        MessageSid: `SM${'c'.repeat(32)}`,
        SmsStatus: 'received',
        To: '+15005550006',
        NumMedia: '0',
        ...fields,
      };
      return createTwilioSmsProvider(config).parseWebhook!({
        url,
        headers: { 'x-twilio-signature': twilioSignature(account.authToken, url, body) },
        body,
      });
    };
    expect(inbound({ From: '+821012345678', Body: ' stop ' })).toEqual([
      {
        type: 'inbound',
        inbound: expect.objectContaining({ channel: 'sms', from: '+821012345678', body: ' stop ', optOut: 'stop' }),
      },
    ]);
    expect(
      inbound({ From: 'whatsapp:+821012345678', To: 'whatsapp:+14155238886', Body: 'Unsubscribe' })[0],
    ).toMatchObject({ inbound: { channel: 'whatsapp', from: '+821012345678', to: '+14155238886', optOut: 'stop' } });
    expect(inbound({ From: '+821012345678', Body: 'Arrêt', OptOutType: 'STOP' })[0]).toMatchObject({
      inbound: { optOut: 'stop' },
    });
    const reply = inbound({ From: '+821012345678', Body: 'please stop sending the blue one' })[0];
    expect(reply).toMatchObject({ type: 'inbound', inbound: { body: 'please stop sending the blue one' } });
    expect(reply?.type === 'inbound' && reply.inbound.optOut).toBeUndefined();
  });
});

describe('opt-out keywords', () => {
  it.each([
    ['STOP', 'stop'],
    ['stop.', 'stop'],
    ['Cancel', 'stop'],
    ['quit!', 'stop'],
    ['START', 'start'],
    ['unstop', 'start'],
    ['stop it', undefined],
    ['hello', undefined],
    ['', undefined],
  ])('%j -> %s', (body, expected) => {
    expect(detectOptOut(body)).toBe(expected);
  });
});

describe('WhatsApp 24-hour window', () => {
  const now = new Date('2027-02-03T12:00:00Z');
  it('is open for 24 hours after the last inbound message', () => {
    expect(whatsappWindow(new Date('2027-02-02T12:00:01Z'), now)).toEqual({
      open: true,
      closesAt: new Date('2027-02-03T12:00:01Z'),
    });
    expect(whatsappWindow(new Date('2027-02-02T12:00:00Z'), now).open).toBe(false);
    expect(whatsappWindow(undefined, now)).toEqual({ open: false });
  });
});
