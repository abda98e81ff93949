import { describeDuration } from './duration';

type Data = Record<string, unknown>;

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value : undefined);
const channelNames: Record<string, string> = { email: 'Email', push: 'Push', sms: 'SMS', whatsapp: 'WhatsApp', webhook: 'Webhook' };

/** The headline of one channel's template: what a marketer recognises the message by. */
function templateHeadline(channel: string, template: Data | undefined): string {
  const t = template ?? {};
  const headline = channel === 'email' ? str(t.subject) : channel === 'push' ? str(t.title) ?? str(t.body) : channel === 'webhook' ? str(t.url) : str(t.body) ?? str(t.contentSid);
  return `${channelNames[channel] ?? channel}: ${headline ?? '(empty)'}`;
}

function triggerSummary(data: Data): string {
  switch (data.kind) {
    case 'event':
      return `When ${str(data.event) ?? '…'} happens${data.where ? ' (filtered)' : ''}`;
    case 'segment':
      return 'When a profile starts matching a segment';
    case 'schedule':
      return str(data.cron) ? `On schedule ${data.cron as string}` : `Once at ${str(data.at) ?? '…'}`;
    case 'api':
      return 'When the API enters a user';
    default:
      return 'Choose how people enter';
  }
}

function waitUntilSummary(data: Data): string {
  const parts = [str(data.at) ? `${data.at as string}${str(data.offset) ? ` + ${describeDuration(data.offset as string)}` : ''}` : undefined];
  if (Array.isArray(data.days) && data.days.length > 0) parts.push(`on ${(data.days as string[]).join(', ')}`);
  if (str(data.localTime)) parts.push(`at ${data.localTime as string} local time`);
  const when = parts.filter(Boolean).join(' ');
  return when ? `Wait until ${when}` : 'Wait until …';
}

function profileSummary(data: Data): string {
  const keys = (value: unknown) => (value && typeof value === 'object' ? Object.keys(value) : []);
  const changed = [...keys(data.set), ...keys(data.increment), ...(Array.isArray(data.unset) ? (data.unset as string[]) : [])];
  return changed.length > 0 ? `Update ${changed.join(', ')}` : 'Update the profile';
}

/** One readable line per node card: "Wait 2 days for order_completed", "Push: Still thinking about {{product}}?". */
export function summarize(type: string, data: Data): string {
  switch (type) {
    case 'trigger':
      return triggerSummary(data);
    case 'delay':
      return `Wait ${describeDuration(str(data.duration))}`;
    case 'waitUntil':
      return waitUntilSummary(data);
    case 'waitForEvent':
      return `Wait ${describeDuration(str(data.timeout))} for ${str(data.event) ?? '…'}`;
    case 'branch': {
      const count = Array.isArray(data.branches) ? data.branches.length : 0;
      return `First matching of ${count} path${count === 1 ? '' : 's'}, else`;
    }
    case 'split':
      return `${(data.mode === 'optimize' ? 'Optimised' : 'A/B')} split`;
    case 'message': {
      if (Array.isArray(data.channels)) return (data.channels as Data[]).map((m) => templateHeadline(String(m.channel), m.template as Data)).join(' → ') || 'No channel yet';
      return templateHeadline(String(data.channel ?? 'message'), data.template as Data);
    }
    case 'updateProfile':
      return profileSummary(data);
    case 'custom':
      return `Run ${str(data.step) ?? 'a custom step'}`;
    case 'exit':
      return 'Leave the journey';
    default:
      return type;
  }
}
