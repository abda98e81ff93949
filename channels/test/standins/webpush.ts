import { createECDH, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decrypt } from 'http_ece';
import { importJWK, jwtVerify } from 'jose';
import { generate } from 'selfsigned';
import { readBody, type RunningServer } from './http.js';

export interface ReceivedPush {
  subscriptionId: string;
  headers: IncomingHttpHeaders;
  /** The payload decrypted with the subscriber's private key and auth secret (aes128gcm). */
  payload: string;
  /** VAPID JWT claims, verified against the key the sender presented. */
  vapid: { sub: string; aud: string; publicKey: string };
}

export interface WebPushStandin extends RunningServer {
  /** PEM of the self-signed certificate the server presents, for the sender's `ca`. */
  ca: string;
  received: ReceivedPush[];
  /** A new browser subscription (JSON, as the profile stores it); `gone` ones answer 410. */
  subscribe(options?: { gone?: boolean }): string;
}

/**
 * A push service (RFC 8030) over HTTPS that also plays the browser: it holds each subscription's
 * private key and decrypts what arrives, so tests see the plaintext only if the encryption is right.
 */
export async function startWebPushStandin(): Promise<WebPushStandin> {
  const tls = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    curve: 'P-256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  const subscribers = new Map<string, { ecdh: ReturnType<typeof createECDH>; auth: string; gone: boolean }>();
  const received: ReceivedPush[] = [];

  const server: Server = createServer(
    { key: tls.private, cert: tls.cert },
    (req, res) =>
      void (async () => {
        const body = await readBody(req);
        const id = (req.url ?? '').replace(/^\/push\//, '');
        const subscriber = subscribers.get(id);
        if (req.method !== 'POST' || !subscriber) return void res.writeHead(404).end();
        if (subscriber.gone) return void res.writeHead(410).end('push subscription has unsubscribed or expired');
        const vapidHeader = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(req.headers.authorization ?? '');
        if (!vapidHeader || req.headers['content-encoding'] !== 'aes128gcm' || !req.headers.ttl)
          return void res.writeHead(400).end('VAPID aes128gcm request expected');
        const [, jwt, key] = vapidHeader as unknown as [string, string, string];
        const point = Buffer.from(key, 'base64url');
        const publicKey = await importJWK(
          {
            kty: 'EC',
            crv: 'P-256',
            x: point.subarray(1, 33).toString('base64url'),
            y: point.subarray(33, 65).toString('base64url'),
          },
          'ES256',
        );
        try {
          const { payload: claims } = await jwtVerify(jwt, publicKey, {
            audience: `https://127.0.0.1:${port}`,
            algorithms: ['ES256'],
          });
          received.push({
            subscriptionId: id,
            headers: req.headers,
            payload: decrypt(body, {
              version: 'aes128gcm',
              privateKey: subscriber.ecdh,
              authSecret: subscriber.auth,
            }).toString('utf8'),
            vapid: { sub: String(claims.sub), aud: String(claims.aud), publicKey: key },
          });
        } catch (error) {
          return void res.writeHead(403).end(String(error));
        }
        res.writeHead(201, { location: `https://127.0.0.1:${port}/message/${randomBytes(8).toString('hex')}` }).end();
      })(),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `https://127.0.0.1:${port}`;

  return {
    url,
    ca: tls.cert,
    received,
    subscribe({ gone = false } = {}) {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const id = randomBytes(8).toString('hex');
      const auth = randomBytes(16).toString('base64url');
      subscribers.set(id, { ecdh, auth, gone });
      return JSON.stringify({ endpoint: `${url}/push/${id}`, keys: { p256dh: ecdh.getPublicKey('base64url'), auth } });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
