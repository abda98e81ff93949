import { z } from 'zod';

export const channels = ['email', 'push', 'sms', 'whatsapp', 'webhook'] as const;
export type Channel = (typeof channels)[number];

const text = (what: string) => z.string().min(1, `${what} is required`);

export const emailTemplate = z
  .strictObject({
    subject: text('subject'),
    html: z.string().optional(),
    text: z.string().optional(),
    from: z.string().optional(),
    replyTo: z.string().optional(),
  })
  .refine((t) => Boolean(t.html || t.text), { message: 'an email needs html or text', path: ['html'] });

export const pushTemplate = z.strictObject({
  title: text('title'),
  body: text('body'),
  imageUrl: z.string().optional(),
  url: z.string().optional(),
  data: z.record(z.string(), z.string()).optional(),
});

export const smsTemplate = z.strictObject({ body: text('body') });

/** A session message (inside the 24-hour window) or an approved template. */
export const whatsappTemplate = z.union([
  z.strictObject({ body: text('body') }),
  z.strictObject({
    contentSid: z.string().regex(/^HX[0-9a-fA-F]{32}$/, 'must be a Twilio Content SID (HX + 32 hex digits)'),
    variables: z.record(z.string(), z.string()).default({}),
  }),
]);

export const webhookTemplate = z.strictObject({
  url: text('url'),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('POST'),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.string().optional(),
});

export const templateSchemas = {
  email: emailTemplate,
  push: pushTemplate,
  sms: smsTemplate,
  whatsapp: whatsappTemplate,
  webhook: webhookTemplate,
} as const satisfies Record<Channel, z.ZodType>;

export type EmailTemplate = z.infer<typeof emailTemplate>;
export type PushTemplate = z.infer<typeof pushTemplate>;
export type SmsTemplate = z.infer<typeof smsTemplate>;
export type WhatsappTemplate = z.infer<typeof whatsappTemplate>;
export type WebhookTemplate = z.infer<typeof webhookTemplate>;
export type Template = { [C in Channel]: z.infer<(typeof templateSchemas)[C]> }[Channel];

/** One channel with its template; a discriminated union so each channel gets its own template shape. */
export const channelMessage = z.discriminatedUnion('channel', [
  z.strictObject({ channel: z.literal('email'), template: emailTemplate }),
  z.strictObject({ channel: z.literal('push'), template: pushTemplate }),
  z.strictObject({ channel: z.literal('sms'), template: smsTemplate }),
  z.strictObject({ channel: z.literal('whatsapp'), template: whatsappTemplate }),
  z.strictObject({ channel: z.literal('webhook'), template: webhookTemplate }),
]);
export type ChannelMessage = z.infer<typeof channelMessage>;
