import { createTransport, type Transporter } from 'nodemailer';
import type { EmailMessage, Provider, SendContext, SendResult } from '../types.js';

export interface EmailProviderConfig {
  /** `smtp://` or `smtps://` URL, credentials included. */
  smtpUrl: string;
}

/**
 * Connections per provider: sends beyond them wait for one (within the engine's call timeout). Each
 * carries up to nodemailer's 100 messages, then reconnects.
 */
const POOLED_CONNECTIONS = 10;

/** Email over SMTP through nodemailer, on pooled connections: no connect, greeting and TLS handshake per message. */
export function createEmailProvider({ smtpUrl }: EmailProviderConfig): Provider<EmailMessage> {
  const transport: Transporter = createTransport({ url: smtpUrl, pool: true, maxConnections: POOLED_CONNECTIONS });
  return {
    name: 'smtp',
    async send(message: EmailMessage, context: SendContext): Promise<SendResult> {
      const info = await transport.sendMail({
        to: message.to,
        from: message.from,
        subject: message.subject,
        ...(message.html ? { html: message.html } : {}),
        ...(message.text ? { text: message.text } : {}),
        ...(message.replyTo ? { replyTo: message.replyTo } : {}),
        // nodemailer builds List-* headers from `list` (and drops hand-written ones).
        ...(message.unsubscribeUrl ? { list: { unsubscribe: message.unsubscribeUrl } } : {}),
        headers: {
          'X-Waymark-Message-Id': context.messageId,
          ...(message.unsubscribeUrl ? { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
        },
      });
      // The relay's 250 for the message, every recipient accepted, is the best delivery signal SMTP
      // gives without DSN (docs/operations.md#email-delivery): counted as delivered at once.
      const accepted = (info.rejected ?? []).length === 0 && /^250\b/.test(String(info.response));
      return { providerMessageId: info.messageId, status: accepted ? 'delivered' : 'sent' };
    },
    async verify(): Promise<void> {
      await transport.verify();
    },
    close: () => transport.close(),
  };
}
