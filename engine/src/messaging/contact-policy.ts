import {
  canReach,
  personChannels,
  quietHoursEnd,
  type ChannelMessage,
  type ContactPolicy,
  type PersonChannel,
} from '@waymark/workflows';

export type Consent = Record<string, { subscribed?: boolean } | undefined>;

export interface ScreenContext {
  profile: Record<string, unknown>;
  consent: Consent;
  policy: ContactPolicy;
  /** Transactional messages, bypass journeys and test sends skip quiet hours and caps (never consent). */
  exempt: boolean;
  /** The user's zone (profile, else journey, else UTC). */
  zone: string;
  now: Date;
}

/** What consent and quiet hours leave of a message's channel list, in its order. */
export type Screened =
  { candidates: ChannelMessage[] } | { skip: 'no_address' | 'no_consent' | 'quiet_hours' } | { defer: Date };

export const isPersonChannel = (channel: string): channel is PersonChannel =>
  (personChannels as readonly string[]).includes(channel);

/**
 * The first two steps of the contact policy (docs/architecture.md#contact-policy): channels the user can be reached on and
 * consented to, then quiet hours in the user's zone. A channel outside the quiet hours' list stays
 * usable; when none is left the message is deferred to the end of the window, or skipped.
 */
export function screen(options: ChannelMessage[], context: ScreenContext): Screened {
  const reachable = options.filter((option) => canReach(option.channel, context.profile));
  const allowed = reachable.filter((option) => consented(context.consent, option.channel));
  if (allowed.length === 0) return { skip: reachable.length ? 'no_consent' : 'no_address' };
  const quiet = context.policy.quietHours;
  const until = quiet && !context.exempt ? quietHoursEnd(context.now.toISOString(), context.zone, quiet) : undefined;
  if (!quiet || !until) return { candidates: allowed };
  const quietChannels: readonly string[] = quiet.channels ?? personChannels;
  const open = allowed.filter((option) => !quietChannels.includes(option.channel));
  if (open.length) return { candidates: open };
  return quiet.action === 'defer' ? { defer: new Date(until) } : { skip: 'quiet_hours' };
}

/**
 * Whether the user may be contacted on a channel: an explicit opt-out (unsubscribe link, STOP) says
 * no; with no record, yes, except WhatsApp, which needs an opt-in. Webhooks reach systems, not people.
 */
function consented(consent: Consent, channel: string): boolean {
  return channel === 'webhook' || (consent[channel]?.subscribed ?? channel !== 'whatsapp');
}
