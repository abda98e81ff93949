import getPort from 'get-port';
import { MailDev } from 'maildev';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareMessage } from '../render/prepare.js';
import { verifyToken } from '../tracking/tokens.js';
import { createServer, connect, type Server } from 'node:net';
import { once } from 'node:events';
import type { EmailMessage, Provider } from '../types.js';
import { createEmailProvider } from './email-provider.js';

interface InboxEmail {
  id: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  to: { address: string }[];
}

/** Polls MailDev's REST API until an email with the subject arrives. */
async function waitForEmail(inbox: string, subject: string, timeoutMs = 10_000): Promise<InboxEmail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const emails = (await (await fetch(`${inbox}/api/email`)).json()) as InboxEmail[];
    const found = emails.find((email) => email.subject === subject);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no email "${subject}" within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('email provider (nodemailer to MailDev)', () => {
  let maildev: MailDev;
  let smtpPort: number;
  let inbox: string;

  beforeAll(async () => {
    smtpPort = await getPort();
    const webPort = await getPort();
    maildev = new MailDev({ smtp: smtpPort, ip: '127.0.0.1', web: webPort, webIp: '127.0.0.1', silent: true });
    await maildev.start();
    inbox = `http://127.0.0.1:${webPort}`;
  });
  /** Providers the tests made: their pooled connections close before MailDev stops (it waits for open ones). */
  const made: Provider<EmailMessage>[] = [];
  const provider = (smtpUrl = `smtp://127.0.0.1:${smtpPort}`) => {
    const created = createEmailProvider({ smtpUrl });
    made.push(created);
    return created;
  };
  afterAll(async () => {
    for (const created of made) created.close?.();
    await maildev.stop();
  });

  it('delivers html and text with one-click unsubscribe headers', async () => {
    const smtp = provider();
    await smtp.verify();
    const result = await smtp.send(
      {
        to: 'ann@example.com',
        from: 'Shop <shop@example.com>',
        subject: 'Still thinking about the Tablet case?',
        html: '<p>Your <b>Tablet case</b> is waiting.</p>',
        text: 'Your Tablet case is waiting.',
        unsubscribeUrl: 'https://waymark.example.com/u/abc.sig',
      },
      { idempotencyKey: 'k1', messageId: 'm1', userId: 'ann' },
    );
    // MailDev answered 250 to the message: the relay accepted it, so it counts as delivered.
    expect(result.status).toBe('delivered');
    expect(result.providerMessageId).toMatch(/^<.+@.+>$/);

    const email = await waitForEmail(inbox, 'Still thinking about the Tablet case?');
    expect(email.to[0]?.address).toBe('ann@example.com');
    expect(email.html).toContain('<b>Tablet case</b>');
    expect(email.text.trim()).toBe('Your Tablet case is waiting.');
    // MailDev's parsed headers leave out List-*; the raw message is what mail clients see anyway.
    const source = await (await fetch(`${inbox}/api/email/${email.id}/source`)).text();
    expect(source).toMatch(/^List-Unsubscribe: <https:\/\/waymark\.example\.com\/u\/abc\.sig>$/m);
    expect(source).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    expect(email.headers['x-waymark-message-id']).toBe('m1');
  });

  it('sends a journey email rendered from MJML with tracked links, open pixel and signed unsubscribe', async () => {
    const tracking = { baseUrl: 'https://waymark.example.com', secret: 'tracking-secret' };
    const template = {
      subject: '{{ profile.first_name }}, still thinking about the {{ event.properties.name }}?',
      html: `<mjml><mj-body><mj-section><mj-column>
        <mj-text>Hi {{ profile.first_name | default: "there" }}, your {{ event.properties.name }} is waiting.</mj-text>
        <mj-button href="https://shop.example.com/p/{{ event.properties.id }}?utm_source=waymark&amp;variant=b">View it</mj-button>
        <mj-text><a href="{{ unsubscribe_url }}">Unsubscribe</a> · <a href="mailto:help@shop.example.com">Help</a></mj-text>
      </mj-column></mj-section></mj-body></mjml>`,
    };
    const context = {
      profile: { userId: 'ann', email: 'ann@example.com', first_name: 'Ann' },
      event: {
        name: 'added_to_cart',
        properties: { name: 'Tablet case', id: '42' },
        timestamp: '2027-02-01T00:00:00.000Z',
      },
      journey: { id: 'j1', name: 'Cart reminder', version: 1 },
      message: { id: 'msg-42' },
    };
    const prepared = await prepareMessage('email', template, context, {
      emailFrom: 'Shop <shop@example.com>',
      tracking,
    });
    if (!prepared.ok) throw new Error(JSON.stringify(prepared.errors));
    await provider().send(prepared.message, {
      idempotencyKey: 'k2',
      messageId: 'msg-42',
      userId: 'ann',
    });

    const email = await waitForEmail(inbox, 'Ann, still thinking about the Tablet case?');
    expect(email.text).toContain('Hi Ann, your Tablet case is waiting.');
    expect(email.text).toContain('https://shop.example.com/p/42?utm_source=waymark&variant=b');
    const claims = [...email.html.matchAll(/(?:href|src)="https:\/\/waymark\.example\.com\/([uoc])\/([^"]+)"/g)].map(
      ([, , token]) => verifyToken(tracking.secret, token!),
    );
    expect(claims).toEqual([
      { kind: 'click', messageId: 'msg-42', url: 'https://shop.example.com/p/42?utm_source=waymark&variant=b' },
      { kind: 'unsubscribe', messageId: 'msg-42' },
      { kind: 'open', messageId: 'msg-42' },
    ]);
    expect(email.html).toContain('href="mailto:help@shop.example.com"');
    const source = await (await fetch(`${inbox}/api/email/${email.id}/source`)).text();
    // Long header values are folded (RFC 5322 §2.2.3); unfold before matching.
    const header = /^List-Unsubscribe: <https:\/\/waymark\.example\.com\/u\/([^>]+)>$/m.exec(
      source.replace(/\r?\n(?=[ \t])/g, ''),
    );
    expect(verifyToken(tracking.secret, header?.[1] ?? '')).toEqual({ kind: 'unsubscribe', messageId: 'msg-42' });
    expect(source).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
  });

  it('fails verify against a closed port', async () => {
    await expect(provider(`smtp://127.0.0.1:${await getPort()}`).verify()).rejects.toThrow(/ECONNREFUSED/);
  });

  it('sends one message after another over one pooled connection, closed by close()', async () => {
    // A TCP relay in front of MailDev counts the connections the provider opens.
    const connections: { closed: boolean }[] = [];
    const relay: Server = createServer((socket) => {
      const seen = { closed: false };
      connections.push(seen);
      const upstream = connect(smtpPort, '127.0.0.1');
      socket.pipe(upstream).pipe(socket);
      socket.on('close', () => {
        seen.closed = true;
        upstream.destroy();
      });
    });
    relay.listen(0, '127.0.0.1');
    await once(relay, 'listening');
    const smtp = createEmailProvider({ smtpUrl: `smtp://127.0.0.1:${(relay.address() as { port: number }).port}` });
    try {
      for (const n of [1, 2, 3]) {
        const sent = await smtp.send(
          { to: 'bo@example.com', from: 'shop@example.com', subject: `Pooled ${n}`, text: 'hi' },
          { idempotencyKey: `pool-${n}`, messageId: `pool-${n}`, userId: 'bo' },
        );
        expect(sent.status).toBe('delivered');
      }
      expect(connections).toEqual([{ closed: false }]);
      smtp.close?.();
      await expect.poll(() => connections[0]!.closed).toBe(true);
    } finally {
      relay.close();
    }
  });
});
