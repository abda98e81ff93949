import { generateKeyPairSync } from 'node:crypto';
import webpush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApnsStandin, type ApnsStandin } from '../../test/standins/apns.js';
import { startFcmStandin, type FcmStandin } from '../../test/standins/fcm.js';
import { startWebPushStandin, type WebPushStandin } from '../../test/standins/webpush.js';
import type { Device } from '../types.js';
import { createApnsSender, type ApnsConfig } from './apns.js';
import { createFcmSender, type FcmConfig } from './fcm.js';
import { createPushProvider } from './push-provider.js';
import { createWebPushSender, type WebPushConfig } from './webpush.js';

const context = { idempotencyKey: 'k', messageId: 'm1', userId: 'ann' };
const notification = {
  title: 'Still thinking about it?',
  body: 'Your Tablet case is waiting',
  imageUrl: 'https://cdn.example.com/case.png',
  url: 'https://shop.example.com/p/42',
  data: { productId: '42' },
};
const rsa = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
const ec = () =>
  generateKeyPairSync('ec', {
    namedCurve: 'P-256',
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
const apnsToken = (digit: string) => digit.repeat(64);

describe('push', () => {
  const serviceKey = rsa();
  const apnsKey = ec();
  const vapid = { subject: 'mailto:push@shop.example.com', ...webpush.generateVAPIDKeys() };
  let fcm: FcmStandin;
  let apns: ApnsStandin;
  let browser: WebPushStandin;
  let fcmConfig: FcmConfig;
  let apnsConfig: ApnsConfig;
  let webPushConfig: WebPushConfig;

  beforeAll(async () => {
    fcm = await startFcmStandin({
      projectId: 'shop-app',
      clientEmail: 'push@shop-app.iam.gserviceaccount.com',
      publicKeyPem: serviceKey.publicKey,
    });
    apns = await startApnsStandin({
      teamId: 'TEAM123456',
      keyId: 'KEY1234567',
      publicKeyPem: apnsKey.publicKey,
      topic: 'com.example.shop',
    });
    browser = await startWebPushStandin();
    fcmConfig = {
      serviceAccount: {
        project_id: 'shop-app',
        client_email: 'push@shop-app.iam.gserviceaccount.com',
        private_key: serviceKey.privateKey,
        token_uri: fcm.tokenUri,
      },
      apiBaseUrl: fcm.url,
    };
    apnsConfig = {
      keyId: 'KEY1234567',
      teamId: 'TEAM123456',
      privateKey: apnsKey.privateKey,
      topic: 'com.example.shop',
      baseUrl: apns.url,
    };
    webPushConfig = { vapid, allow: ['127.0.0.1'], ca: browser.ca };
  });
  afterAll(async () => {
    await Promise.all([fcm.close(), apns.close(), browser.close()]);
  });

  describe('FCM HTTP v1', () => {
    it('authorises with the service-account JWT once and sends the notification', async () => {
      const sender = createFcmSender(fcmConfig);
      const before = fcm.tokenRequests;
      const first = await sender.send('fcm-token-a', notification);
      await sender.send('fcm-token-b', { title: 't', body: 'b' });
      expect(fcm.tokenRequests - before).toBe(1);
      expect(first).toMatch(/^projects\/shop-app\/messages\//);
      expect(fcm.messages.find((message) => message.name === first)?.message).toEqual({
        token: 'fcm-token-a',
        notification: { title: notification.title, body: notification.body, image: notification.imageUrl },
        data: { productId: '42', url: notification.url },
        webpush: { fcm_options: { link: notification.url } },
      });
    });

    it('reports UNREGISTERED tokens as invalid', async () => {
      fcm.unregistered.add('fcm-gone');
      await expect(createFcmSender(fcmConfig).send('fcm-gone', notification)).rejects.toMatchObject({
        code: 'invalid_token',
      });
    });

    it('fails verify with a key the service account does not have', async () => {
      const sender = createFcmSender({
        ...fcmConfig,
        serviceAccount: { ...fcmConfig.serviceAccount, private_key: rsa().privateKey },
      });
      await expect(sender.verify()).rejects.toMatchObject({
        code: 'rejected',
        message: expect.stringContaining('Invalid JWT Signature'),
      });
      await expect(createFcmSender(fcmConfig).verify()).resolves.toBeUndefined();
    });
  });

  describe('APNs over HTTP/2', () => {
    it('sends an alert with the provider token and topic', async () => {
      const sender = createApnsSender(apnsConfig);
      const id = await sender.send(apnsToken('a'), notification);
      await sender.send(apnsToken('b'), { title: 'second', body: 'b' });
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      const received = apns.notifications.find((entry) => entry.token === apnsToken('a'));
      expect(received?.headers).toMatchObject({
        'apns-topic': 'com.example.shop',
        'apns-push-type': 'alert',
        'apns-priority': '10',
      });
      expect(received?.payload).toEqual({
        aps: { alert: { title: notification.title, body: notification.body }, sound: 'default', 'mutable-content': 1 },
        productId: '42',
        url: notification.url,
        imageUrl: notification.imageUrl,
      });
      expect(apns.notifications.some((entry) => entry.token === apnsToken('b'))).toBe(true);
    });

    it('reports 410 Unregistered and BadDeviceToken as invalid tokens', async () => {
      apns.unregistered.add(apnsToken('c'));
      const sender = createApnsSender(apnsConfig);
      await expect(sender.send(apnsToken('c'), notification)).rejects.toMatchObject({
        code: 'invalid_token',
        message: 'APNs: Unregistered',
      });
      await expect(sender.send('not-a-token', notification)).rejects.toMatchObject({
        code: 'invalid_token',
        message: 'APNs: BadDeviceToken',
      });
    });

    it('is refused with a key Apple does not know', async () => {
      const sender = createApnsSender({ ...apnsConfig, privateKey: ec().privateKey });
      await expect(sender.send(apnsToken('d'), notification)).rejects.toMatchObject({
        code: 'rejected',
        retryable: false,
        message: 'APNs 403: InvalidProviderToken',
      });
    });
  });

  describe('Web Push with VAPID', () => {
    it('delivers a payload the browser can decrypt', async () => {
      const subscription = browser.subscribe();
      const id = await createWebPushSender(webPushConfig).send(subscription, notification);
      expect(id).toMatch(/\/message\/[0-9a-f]+$/);
      const received = browser.received.find((entry) => subscription.includes(entry.subscriptionId));
      expect(JSON.parse(received?.payload ?? '{}')).toEqual({
        title: notification.title,
        body: notification.body,
        image: notification.imageUrl,
        url: notification.url,
        data: { productId: '42' },
      });
      expect(received?.vapid).toEqual({ sub: vapid.subject, aud: browser.url, publicKey: vapid.publicKey });
      expect(received?.headers.ttl).toBe('86400');
    });

    it('reports expired subscriptions and malformed tokens as invalid', async () => {
      const sender = createWebPushSender(webPushConfig);
      await expect(sender.send(browser.subscribe({ gone: true }), notification)).rejects.toMatchObject({
        code: 'invalid_token',
      });
      await expect(
        sender.send('{"endpoint":"http://insecure.example/x","keys":{"p256dh":"a","auth":"b"}}', notification),
      ).rejects.toMatchObject({ code: 'invalid_token' });
      await expect(sender.send('not json', notification)).rejects.toMatchObject({ code: 'invalid_token' });
    });

    it('refuses subscription endpoints on private addresses unless allowed', async () => {
      const before = browser.received.length;
      await expect(
        createWebPushSender({ ...webPushConfig, allow: [] }).send(browser.subscribe(), notification),
      ).rejects.toMatchObject({ code: 'blocked_address' });
      expect(browser.received.length).toBe(before);
    });

    it('verifies the VAPID keys', async () => {
      await expect(createWebPushSender(webPushConfig).verify()).resolves.toBeUndefined();
      await expect(
        createWebPushSender({ ...webPushConfig, vapid: { ...vapid, privateKey: 'short' } }).verify(),
      ).rejects.toThrow();
    });
  });

  describe('push provider (all devices of a user)', () => {
    it('sends to every device and names the tokens to prune', async () => {
      fcm.unregistered.add('fcm-dead');
      apns.unregistered.add(apnsToken('e'));
      const provider = createPushProvider([
        createFcmSender(fcmConfig),
        createApnsSender(apnsConfig),
        createWebPushSender(webPushConfig),
      ]);
      const liveWeb = browser.subscribe();
      const deadWeb = browser.subscribe({ gone: true });
      const devices: Device[] = [
        { platform: 'fcm', token: 'fcm-live' },
        { platform: 'fcm', token: 'fcm-dead' },
        { platform: 'apns', token: apnsToken('f') },
        { platform: 'apns', token: apnsToken('e') },
        { platform: 'webpush', token: liveWeb },
        { platform: 'webpush', token: deadWeb },
      ];
      const result = await provider.send({ devices, ...notification }, context);
      expect(result.status).toBe('sent');
      expect(result.providerMessageId.split(' ')).toHaveLength(3);
      expect(result.invalidTokens).toEqual([devices[1], devices[3], devices[5]]);
      expect(fcm.messages.some((message) => message.message.token === 'fcm-live')).toBe(true);
      expect(apns.notifications.some((entry) => entry.token === apnsToken('f'))).toBe(true);
      expect(browser.received.some((entry) => liveWeb.includes(entry.subscriptionId))).toBe(true);
    });

    it('fails when no device takes the message, still naming invalid tokens', async () => {
      const provider = createPushProvider([createFcmSender(fcmConfig)]);
      const dead: Device = { platform: 'fcm', token: 'fcm-dead' };
      const result = await provider.send(
        { devices: [dead, { platform: 'apns', token: apnsToken('g') }], title: 't', body: 'b' },
        context,
      );
      expect(result).toMatchObject({
        status: 'failed',
        invalidTokens: [dead],
        error: expect.stringContaining('Requested entity was not found'),
      });
      expect(
        await provider.send({ devices: [{ platform: 'apns', token: apnsToken('g') }], title: 't', body: 'b' }, context),
      ).toMatchObject({ status: 'failed', error: 'no device on a configured push platform' });
    });
  });
});
