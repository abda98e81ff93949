import type { MessageStatus } from '@waymark/workflows/api';

/** Outbox statuses as a marketer says them. */
export const statusWords: Record<MessageStatus, string> = {
  sending: 'sending',
  sent: 'sent',
  delivered: 'delivered',
  opened: 'opened',
  clicked: 'clicked',
  read: 'read',
  failed: 'failed',
  skipped: 'skipped',
  deferred: 'waiting for quiet hours to end',
  unknown: 'delivery unknown (check by hand)',
};

/** Why a message was skipped, deferred or failed, in a sentence fragment; unknown codes show as written. */
export const reasonWords: Record<string, string> = {
  no_address: 'no address or device for the channel',
  no_consent: 'the person has not agreed to this channel',
  quiet_hours: 'quiet hours',
  frequency_cap: 'frequency cap reached',
  render_error: 'the template could not be filled in',
  provider_error: 'the provider failed',
  blocked_address: 'the address is blocked',
  invalid_token: 'the device token is no longer valid',
  rejected: 'the provider rejected it',
  unavailable: 'the provider was unavailable',
  interrupted: 'the provider call was interrupted; it may or may not have gone out',
  whatsapp_window_closed: 'outside the 24-hour WhatsApp window (use an approved template)',
};

export const reasonText = (reason: string): string => reasonWords[reason] ?? reason.replace(/_/g, ' ');

/** What a marketer recognises a sent message by. */
export function renderedHeadline(rendered: unknown): string {
  const r = (rendered ?? {}) as Record<string, unknown>;
  const text = r.subject ?? r.title ?? r.body ?? r.url;
  return typeof text === 'string' ? text : '';
}
