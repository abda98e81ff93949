import type { SimulationResult } from '@waymark/workflows';
import type { PathStep } from '@waymark/workflows';

/** What both drivers must agree on: the node path with outcomes and times, the messages, and the end. */
export interface Trace {
  steps: { nodeId: string; outcome: string; at: number }[];
  messages: { nodeId: string; channel: string; text: string }[];
  end: { reason: string; nodeId?: string };
}

/**
 * The simulator has no provider: it assumes a message the policy lets through is `sent`, where the
 * sandbox provider reports `delivered`. The trace says so instead of hiding it: both read `sent`.
 */
const outcomeOf = (outcome: string) => outcome.replace(/^delivered:/, 'sent:');

/**
 * The simulator's `assumedAllowed` marks take no part: they say what it could not know, not what
 * happened. Here the runtime runs under the default contact policy (no quiet hours, no caps, no
 * opt-outs), where the assumption is true, so the compared outcomes are where it shows.
 */
export function simulatedTrace(result: SimulationResult): Trace {
  return {
    steps: result.steps.map((s) => ({ nodeId: s.nodeId, outcome: outcomeOf(s.outcome), at: Date.parse(s.at) })),
    messages: result.messages.map((m) => ({ nodeId: m.nodeId, channel: m.channel, text: textOf(m.rendered) })),
    end: { reason: result.end.reason, ...(result.end.nodeId ? { nodeId: result.end.nodeId } : {}) },
  };
}

export function runtimeTrace(
  path: PathStep[],
  messages: { nodeId: string; channel: string; rendered: unknown }[],
  end: { reason: string; nodeId: string },
): Trace {
  return {
    steps: path.map((s) => ({ nodeId: s.nodeId, outcome: outcomeOf(s.outcome), at: Date.parse(s.at) })),
    messages: messages.map((m) => ({ nodeId: m.nodeId, channel: m.channel, text: textOf(m.rendered) })),
    end,
  };
}

/** The text a person reads: an SMS body or an email subject. */
function textOf(rendered: unknown): string {
  const r = (rendered ?? {}) as { body?: string; subject?: string };
  return r.body ?? r.subject ?? '';
}

/**
 * Differences between two traces; times may differ by `toleranceMs` (activities run on the wall
 * clock while the test server skips time, so the runtime's times drift by their duration).
 */
export function differences(simulated: Trace, runtime: Trace, toleranceMs: number): string[] {
  const found: string[] = [];
  const steps = Math.max(simulated.steps.length, runtime.steps.length);
  for (let i = 0; i < steps; i++) {
    const [s, r] = [simulated.steps[i], runtime.steps[i]];
    if (!s || !r || s.nodeId !== r.nodeId || s.outcome !== r.outcome || Math.abs(s.at - r.at) > toleranceMs) {
      found.push(`step ${i}: simulated ${describe(s)}, runtime ${describe(r)}`);
      break;
    }
  }
  if (JSON.stringify(simulated.messages) !== JSON.stringify(runtime.messages))
    found.push(
      `messages: simulated ${JSON.stringify(simulated.messages)}, runtime ${JSON.stringify(runtime.messages)}`,
    );
  if (JSON.stringify(simulated.end) !== JSON.stringify(runtime.end))
    found.push(`end: simulated ${JSON.stringify(simulated.end)}, runtime ${JSON.stringify(runtime.end)}`);
  return found;
}

const describe = (step: Trace['steps'][number] | undefined) =>
  step ? `${step.nodeId} ${step.outcome} at ${new Date(step.at).toISOString()}` : 'nothing';
