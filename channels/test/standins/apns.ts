import { randomUUID } from 'node:crypto';
import { createServer, type Http2Session, type IncomingHttpHeaders, type ServerHttp2Stream } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { decodeProtectedHeader, importSPKI, jwtVerify } from 'jose';
import type { RunningServer } from './http.js';

export interface ApnsStandin extends RunningServer {
  notifications: { token: string; headers: IncomingHttpHeaders; payload: Record<string, unknown> }[];
  /** Device tokens answered with 410 Unregistered. */
  unregistered: Set<string>;
}

/** APNs' HTTP/2 provider API (cleartext h2 on loopback) checking the ES256 provider token like Apple does. */
export async function startApnsStandin(team: {
  teamId: string;
  keyId: string;
  publicKeyPem: string;
  topic: string;
}): Promise<ApnsStandin> {
  const publicKey = await importSPKI(team.publicKeyPem, 'ES256');
  const notifications: ApnsStandin['notifications'] = [];
  const unregistered = new Set<string>();
  const sessions = new Set<Http2Session>();
  const server = createServer();
  server.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });

  const answer = (stream: ServerHttp2Stream, status: number, reason?: string, extra: Record<string, unknown> = {}) => {
    stream.respond({
      ':status': status,
      'apns-id': randomUUID(),
      ...(reason ? { 'content-type': 'application/json' } : {}),
    });
    stream.end(reason ? JSON.stringify({ reason, ...extra }) : undefined);
  };

  server.on('stream', (stream, headers) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on(
      'end',
      () =>
        void (async () => {
          const match = /^\/3\/device\/([^/]+)$/.exec(String(headers[':path']));
          if (headers[':method'] !== 'POST' || !match) return answer(stream, 404, 'BadPath');
          const token = decodeURIComponent(match[1]!);
          const jwt = String(headers.authorization ?? '').replace(/^bearer /, '');
          try {
            if (decodeProtectedHeader(jwt).kid !== team.keyId) return answer(stream, 403, 'InvalidProviderToken');
            await jwtVerify(jwt, publicKey, { issuer: team.teamId, algorithms: ['ES256'], maxTokenAge: '1h' });
          } catch {
            return answer(stream, 403, 'InvalidProviderToken');
          }
          if (headers['apns-topic'] !== team.topic) return answer(stream, 400, 'DeviceTokenNotForTopic');
          if (!/^[0-9a-f]{64}$/i.test(token)) return answer(stream, 400, 'BadDeviceToken');
          if (unregistered.has(token)) return answer(stream, 410, 'Unregistered', { timestamp: Date.now() });
          let payload: Record<string, unknown>;
          try {
            payload = JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>;
          } catch {
            return answer(stream, 400, 'PayloadEmpty');
          }
          notifications.push({ token, headers, payload });
          answer(stream, 200);
        })(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    notifications,
    unregistered,
    close: () =>
      new Promise<void>((resolve) => {
        for (const session of sessions) session.destroy();
        server.close(() => resolve());
      }),
  };
}
