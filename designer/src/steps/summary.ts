import { describeCondition, pathWords, valueWords, type ConditionWordsContext } from '../words/conditions';
import { liquidWords } from '../words/liquid';
import { describeDuration } from './duration';

type Data = Record<string, unknown>;

/** What a summary may mention besides the node's own data. */
export interface SummaryContext extends ConditionWordsContext {
  /** The palette title of the node's step (custom steps are summarised by it). */
  stepTitle?: string;
}

/** One node type's card line: every setting, in words. Add an entry here for a new node type. */
export type Summarizer = (data: Data, context: SummaryContext) => string;

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value : undefined);
const list = (value: unknown): Data[] => (Array.isArray(value) ? (value as Data[]) : []);
export const channelNames: Record<string, string> = {
  email: 'Email',
  push: 'Push',
  sms: 'SMS',
  whatsapp: 'WhatsApp',
  webhook: 'Webhook',
};
const dayNames: Record<string, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/** The headline of one channel's template: what a marketer recognises the message by, its fields in words. */
export function templateHeadline(channel: string, template: Data | undefined): string {
  const t = template ?? {};
  const headline =
    channel === 'email'
      ? str(t.subject)
      : channel === 'push'
        ? (str(t.title) ?? str(t.body))
        : channel === 'webhook'
          ? str(t.url)
          : (str(t.body) ?? (str(t.contentSid) ? `template ${t.contentSid as string}` : undefined));
  return `${channelNames[channel] ?? channel}: ${headline ? liquidWords(headline) : '(empty)'}`;
}

/** A message node's channels in order: "Push: Time for a new case?, else Email: Time for a new …". */
export function messageHeadline(data: Data): string {
  if (Array.isArray(data.channels))
    return (
      list(data.channels)
        .map((m) => templateHeadline(String(m.channel), m.template as Data))
        .join(', else ') || 'No channel yet'
    );
  return templateHeadline(String(data.channel ?? 'message'), data.template as Data);
}

/** "{{ event.properties.purchasedAt }}" -> "purchasedAt"; an ISO instant as a date. */
function instantWords(at: string, context: SummaryContext): string {
  const liquid = /^\{\{\s*([\w.$-]+)\s*\}\}$/.exec(at.trim());
  if (liquid) return pathWords(liquid[1]!, context.triggerEvent);
  const date = new Date(at);
  return Number.isNaN(date.getTime())
    ? at
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';
}

const where = (condition: unknown, context: SummaryContext) =>
  condition ? ` where ${describeCondition(condition, context)}` : '';

const summaries: Record<string, Summarizer> = {
  trigger: (data, context) => {
    switch (data.kind) {
      case 'event':
        return `When ${str(data.event) ?? '…'} happens${where(data.where, context)}`;
      case 'segment':
        return `When someone starts matching: ${describeCondition(data.condition, context)}`;
      case 'schedule': {
        const zone = str(data.timezone) ? ` (${data.timezone as string})` : '';
        const when = str(data.cron)
          ? `On the schedule "${data.cron as string}"${zone}`
          : `Once, at ${str(data.at) ? instantWords(data.at as string, context) : '…'}${zone}`;
        return `${when}, for ${data.audience ? `everyone where ${describeCondition(data.audience, context)}` : 'every profile'}`;
      }
      case 'api':
        return 'When the API enters someone';
      default:
        return 'Choose how people enter';
    }
  },
  delay: (data) => `Wait ${describeDuration(str(data.duration))}`,
  waitUntil: (data, context) => {
    const time = str(data.localTime) ? `${data.localTime as string} local time` : undefined;
    const days =
      Array.isArray(data.days) && data.days.length
        ? `a ${valueWords((data.days as string[]).map((day) => dayNames[day] ?? day))}`
        : undefined;
    const anchor = str(data.at) ? instantWords(data.at as string, context) : undefined;
    const after = anchor
      ? str(data.offset)
        ? `${describeDuration(data.offset as string)} after ${anchor}`
        : anchor
      : undefined;
    const parts = [days, time, after].filter(Boolean);
    return parts.length ? `Wait until ${parts.join(', ')}` : 'Wait until …';
  },
  waitForEvent: (data, context) => {
    const timeout = describeDuration(str(data.timeout));
    if (!Array.isArray(data.events))
      return `Wait up to ${timeout} for ${str(data.event) ?? '…'}${where(data.where, context)}`;
    // Action paths: the first listed event that happens decides the way out.
    const paths = list(data.events).map(
      (path) => `${str(path.event) ?? '…'}${where(path.where, context)} → ${str(path.id) ?? '…'}`,
    );
    return `Wait up to ${timeout} for the first of: ${paths.join('; ') || '…'}`;
  },
  context: (data) => {
    const names = Object.keys(data.set && typeof data.set === 'object' ? data.set : {});
    return names.length ? `Set ${names.map((name) => `vars.${name}`).join(', ')}` : 'Set entry variables (none yet)';
  },
  branch: (data, context) => {
    const paths = list(data.branches).map(
      (branch, index) =>
        `${index === 0 ? 'If' : 'if'} ${describeCondition(branch.condition, context)} → ${str(branch.label) ?? str(branch.id) ?? '…'}`,
    );
    return `${paths.join('; ')}${paths.length ? '; otherwise' : 'Otherwise'} → Else`;
  },
  split: (data) => {
    const variants = list(data.variants)
      .map(
        (variant) =>
          `${str(variant.label) ?? str(variant.id) ?? '…'} ${typeof variant.weight === 'number' ? variant.weight : '?'}%`,
      )
      .join(', ');
    return data.mode === 'optimize'
      ? `Split, shifting people to the best converter: ${variants}`
      : `Split at random: ${variants}`;
  },
  message: (data) =>
    `${messageHeadline(data)}${data.transactional ? ' (transactional: ignores quiet hours and caps)' : ''}`,
  updateProfile: (data) => {
    const entries = (value: unknown) => Object.entries(value && typeof value === 'object' ? (value as Data) : {});
    const changes = [
      ...entries(data.set).map(([key, value]) => `set ${key} to ${valueWords(value)}`),
      ...entries(data.increment).map(([key, value]) =>
        typeof value === 'number' && value < 0
          ? `subtract ${-value} from ${key}`
          : `add ${valueWords(value)} to ${key}`,
      ),
      ...(Array.isArray(data.unset) ? (data.unset as string[]).map((key) => `clear ${key}`) : []),
    ];
    return changes.length
      ? `${changes.join(', ').replace(/^./, (c) => c.toUpperCase())}`
      : 'Update the profile (nothing chosen yet)';
  },
  custom: (data, context) => {
    const config = Object.entries((data.config as Data | undefined) ?? {}).map(
      ([key, value]) => `${key}: ${valueWords(value)}`,
    );
    return `Run ${context.stepTitle ?? str(data.step) ?? 'a custom step'}${config.length ? ` (${config.join(', ')})` : ''}`;
  },
  exit: () => 'Leave the journey',
};

/** Node types without an entry read as their settings, "name: value", so a new type is never blank. */
const generic: Summarizer = (data) =>
  Object.entries(data)
    .map(
      ([key, value]) =>
        `${key}: ${value && typeof value === 'object' && !Array.isArray(value) ? '…' : valueWords(value, 'and')}`,
    )
    .join(', ');

/** One readable line per node card: "Wait up to 2 days for order_completed", "Push: Still thinking about {{product}}?". */
export function summarize(type: string, data: Data, context: SummaryContext = { messageLabel: (id) => id }): string {
  return (summaries[type] ?? generic)(data, context) || context.stepTitle || type;
}
