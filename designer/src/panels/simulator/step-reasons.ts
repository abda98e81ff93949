import type { ContactPolicyCheck, SimulatedEngagement } from '@waymark/workflows';
import { channelNames } from '../../steps/summary';
import { describeDuration } from '../../steps/duration';
import { describeCondition, valueWords } from '../../words/conditions';
import type { JourneyWords } from '../../words/journey-words';
import { reasonText } from '../../words/messages';

type Data = Record<string, unknown>;
const list = (value: unknown): Data[] => (Array.isArray(value) ? (value as Data[]) : []);
const labelOfOutput = (entry: Data | undefined, fallback: string) => String(entry?.label || entry?.id || fallback);

/**
 * Why the simulated person did what they did at one step, in a sentence: which condition was met,
 * which event came or not, why a message was skipped.
 */
export function explainStep(
  outcome: string,
  node: { type?: string; data: Data } | undefined,
  words: JourneyWords,
): string {
  const data = node?.data ?? {};
  switch (node?.type) {
    case 'trigger':
      return 'Entered the journey.';
    case 'delay':
      return `Waited ${describeDuration(data.duration as string)}.`;
    case 'waitUntil':
      return 'Waited until the set time.';
    case 'waitForEvent':
      return outcome === 'matched'
        ? `${String(data.event)} happened in time: took “matched”.`
        : `${String(data.event)} did not happen within ${describeDuration(data.timeout as string)}: took “timeout”.`;
    case 'branch': {
      const branches = list(data.branches);
      const taken = branches.findIndex((branch) => branch.id === outcome);
      const notMet = branches
        .slice(0, taken < 0 ? branches.length : taken)
        .map((branch) => `${describeCondition(branch.condition, words)} (not met)`);
      if (taken < 0) return `None of the paths matched: ${notMet.join('; ')}. Took “Else”.`;
      const met = `${describeCondition(branches[taken]!.condition, words)} (met)`;
      return `${[...notMet, met].join('; ')}. Took “${labelOfOutput(branches[taken], outcome)}”.`;
    }
    case 'split': {
      const variant = list(data.variants).find((candidate) => candidate.id === outcome);
      return `Assigned to “${labelOfOutput(variant, outcome)}”${typeof variant?.weight === 'number' ? ` (${variant.weight}% of people)` : ''}.`;
    }
    case 'message': {
      const [status, detail] = outcome.split(':');
      if (status === 'sent') return `Sent by ${channelNames[detail!] ?? detail}.`;
      if (status === 'skipped')
        return `Skipped: ${reasonText('no_address')} (give the test profile an email, phone or device).`;
      if (status === 'failed') return `Failed on ${channelNames[detail!] ?? detail}: ${reasonText('render_error')}.`;
      if (status === 'deferred') return `Held back: ${reasonText(detail ?? 'quiet_hours')}; sent when they end.`;
      return outcome;
    }
    case 'updateProfile':
      return `Profile updated: ${node ? words.summaryOf(node).replace(/^./, (c) => c.toLowerCase()) : ''}.`;
    case 'exit':
      return 'Left the journey.';
    default:
      return outcome === 'next' ? 'Done.' : `Took “${outcome}”.`;
  }
}

const checkNames: Record<ContactPolicyCheck, string> = {
  consent: 'consent',
  quietHours: 'quiet hours',
  frequencyCaps: 'frequency caps',
};

/** A message the simulator let through without the live data its contact-policy checks read (opt-outs, settings, other journeys). */
export const assumedWords = (checks: readonly ContactPolicyCheck[]) =>
  `Assumed allowed by the contact policy (${valueWords(
    checks.map((check) => checkNames[check]),
    'and',
  )}): a real send checks with live data and may skip or hold it.`;

/** How the simulated run ended. */
export const endWords: Record<string, string> = {
  exit: 'Left the journey at an exit step',
  exitOn: 'Left the journey: an exit event happened',
  goal: 'Reached the goal and left the journey',
  operator: 'Stopped by an operator',
  step_limit: 'Stopped: too many steps without a wait (a loop?)',
  missing_node: 'Stopped: a step is missing',
  waiting: 'Still waiting',
  invalid: 'The journey has errors to fix first',
};

const engaged: Record<SimulatedEngagement['status'], [done: string, verb: string]> = {
  delivered: ['Received', 'receive'],
  opened: ['Opened', 'open'],
  clicked: ['Clicked a link in', 'click'],
};

/** What became of a scripted engagement: it happened, or the message it needs was never sent. */
export function engagementWords(engagement: SimulatedEngagement, messageLabel: string): string {
  const [done, verb] = engaged[engagement.status];
  return engagement.at
    ? `${done} “${messageLabel}”.`
    : `“${messageLabel}” was never sent, so they could not ${verb} it.`;
}
