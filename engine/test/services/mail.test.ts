import getPort from 'get-port';
import { createTransport } from 'nodemailer';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ServiceStartError } from '../../src/services/errors.js';
import { startMail } from '../../src/services/mail.js';
import { isPortOpen, pollUntil } from '../../src/services/wait.js';
import { shared } from '../helpers.js';

describe('SMTP sink resolution', () => {
  it('uses SMTP_URL when set, starting nothing', async () => {
    const smtpPort = await getPort();
    const service = await startMail({
      smtpUrl: 'smtps://user:secret@smtp.example.com:465',
      smtpPort,
      uiPort: await getPort(),
      storeDir: mkdtempSync(join(tmpdir(), 'waymark-mail-')),
    });
    expect(service).toEqual(
      expect.objectContaining({ source: 'SMTP_URL', smtpUrl: 'smtps://user:secret@smtp.example.com:465' }),
    );
    expect(service.inboxUrl).toBeUndefined();
    expect(await isPortOpen(smtpPort)).toBe(false);
  });

  it('the shared MailDev receives over SMTP and shows the mail in its inbox API', async () => {
    const subject = `bootstrap check ${Date.now()}`;
    await createTransport(shared().smtpUrl).sendMail({
      from: 'waymark@example.com',
      to: 'someone@example.com',
      subject,
      text: 'hello',
    });
    const received = await pollUntil('the mail in MailDev', async () => {
      const emails = (await (await fetch(`${shared().inboxUrl}/api/email`)).json()) as {
        subject: string;
        to: { address: string }[];
      }[];
      return emails.find((email) => email.subject === subject);
    });
    expect(received.to[0]?.address).toBe('someone@example.com');
  });

  it('refuses a taken SMTP port, naming the variable to change', async () => {
    const error = await startMail({
      smtpPort: Number(new URL(shared().smtpUrl).port),
      uiPort: await getPort(),
      storeDir: mkdtempSync(join(tmpdir(), 'waymark-mail-')),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceStartError);
    expect((error as Error).message).toContain('SMTP_PORT');
  });
});
