import getPort from 'get-port';
import { MailDev } from 'maildev';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  afterAll(() => maildev.stop());

  it('delivers html and text with one-click unsubscribe headers', async () => {
    const provider = createEmailProvider({ smtpUrl: `smtp://127.0.0.1:${smtpPort}` });
    await provider.verify();
    const result = await provider.send(
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
    expect(result.status).toBe('sent');
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

  it('fails verify against a closed port', async () => {
    const provider = createEmailProvider({ smtpUrl: `smtp://127.0.0.1:${await getPort()}` });
    await expect(provider.verify()).rejects.toThrow(/ECONNREFUSED/);
  });
});
