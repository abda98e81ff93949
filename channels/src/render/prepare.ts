import { convert } from 'html-to-text';
import mjml2html from 'mjml';
import {
  isMjml,
  renderTemplate,
  type EmailTemplate,
  type FieldError,
  type PushTemplate,
  type SmsTemplate,
  type TemplateContext,
  type WebhookTemplate,
  type WhatsappTemplate,
} from '@waymark/workflows';
import { addTracking } from '../tracking/links.js';
import { trackingUrl, type TrackingOptions } from '../tracking/tokens.js';
import type { Channel, ChannelMessages, Device } from '../types.js';

/** The template each channel's message node carries (docs/journey-language.md#message-templates). */
export interface ChannelTemplates {
  email: EmailTemplate;
  push: PushTemplate;
  sms: SmsTemplate;
  whatsapp: WhatsappTemplate;
  webhook: WebhookTemplate;
}

export interface PrepareOptions {
  /** Sender for email templates without `from`. */
  emailFrom: string;
  /** Signs the unsubscribe link (also `{{ unsubscribe_url }}`), click redirects and the open pixel; without it email goes out untracked. */
  tracking?: TrackingOptions;
  /** The user's last inbound WhatsApp message, for the 24-hour session window. */
  whatsappSessionAt?: Date;
}

export type Prepared<C extends Channel> =
  { ok: true; message: ChannelMessages[C] } | { ok: false; errors: FieldError[] };

type Build<C extends Channel> = (
  rendered: ChannelTemplates[C],
  profile: Record<string, unknown>,
  context: TemplateContext,
  options: PrepareOptions,
) => Promise<Prepared<C>> | Prepared<C>;

const address = (profile: Record<string, unknown>, field: 'email' | 'phone') =>
  typeof profile[field] === 'string' && profile[field] !== '' ? profile[field] : undefined;
const missing = (field: string, what: string) => ({
  ok: false as const,
  errors: [{ field, message: `the profile has no ${what}` }],
});

const isDevice = (value: unknown): value is Device =>
  typeof value === 'object' &&
  value !== null &&
  ['fcm', 'apns', 'webpush'].includes((value as Device).platform) &&
  typeof (value as Device).token === 'string';

const builders: { [C in Channel]: Build<C> } = {
  async email(rendered, profile, context, options) {
    const to = address(profile, 'email');
    if (!to) return missing('to', 'email address');
    let html = rendered.html;
    if (html && isMjml(html)) {
      try {
        html = (await mjml2html(html, { validationLevel: 'strict' })).html;
      } catch (error) {
        return { ok: false, errors: [{ field: 'html', message: `MJML: ${(error as Error).message}` }] };
      }
    }
    // The text part is derived before tracking so its links stay readable.
    const text =
      rendered.text ??
      (html ? convert(html, { wordwrap: 78, selectors: [{ selector: 'img', format: 'skip' }] }) : undefined);
    const unsubscribeUrl = context.unsubscribe_url;
    return {
      ok: true,
      message: {
        to,
        from: rendered.from ?? options.emailFrom,
        subject: rendered.subject,
        ...(html
          ? { html: options.tracking ? addTracking(html, context.message.id, options.tracking, unsubscribeUrl) : html }
          : {}),
        ...(text ? { text } : {}),
        ...(rendered.replyTo ? { replyTo: rendered.replyTo } : {}),
        ...(unsubscribeUrl ? { unsubscribeUrl } : {}),
      },
    };
  },
  sms(rendered, profile) {
    const to = address(profile, 'phone');
    return to ? { ok: true, message: { to, body: rendered.body } } : missing('to', 'phone number');
  },
  whatsapp(rendered, profile, _context, options) {
    const to = address(profile, 'phone');
    if (!to) return missing('to', 'phone number');
    return {
      ok: true,
      message:
        'body' in rendered
          ? { to, body: rendered.body, lastInboundAt: options.whatsappSessionAt }
          : { to, contentSid: rendered.contentSid, variables: rendered.variables },
    };
  },
  push(rendered, profile) {
    const devices = Array.isArray(profile.devices)
      ? profile.devices.filter(isDevice).map(({ platform, token }) => ({ platform, token }))
      : [];
    return devices.length > 0 ? { ok: true, message: { devices, ...rendered } } : missing('devices', 'push device');
  },
  webhook(rendered) {
    return { ok: true, message: rendered };
  },
};

/**
 * Renders a message node's template for one user and turns it into what the channel's provider
 * sends: addresses from the profile, MJML compiled, a text part, signed tracking. All or nothing:
 * any error comes back per template field and nothing half-rendered is sent.
 */
export async function prepareMessage<C extends Channel>(
  channel: C,
  template: ChannelTemplates[C],
  context: TemplateContext,
  options: PrepareOptions,
): Promise<Prepared<C>> {
  const withUnsubscribe: TemplateContext =
    channel === 'email' && options.tracking
      ? {
          ...context,
          unsubscribe_url: trackingUrl(options.tracking, { kind: 'unsubscribe', messageId: context.message.id }),
        }
      : context;
  const rendered = renderTemplate(template, withUnsubscribe);
  if (!rendered.ok) return rendered;
  return (builders[channel] as Build<C>)(rendered.rendered, context.profile, withUnsubscribe, options);
}
