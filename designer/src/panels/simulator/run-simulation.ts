import type { DraftDocument } from '@waymark/workflows/api';
import {
  addDuration,
  simulate,
  type EngagementStatus,
  type SimulationAnswers,
  type SimulationResult,
  type StepRegistry,
} from '@waymark/workflows';
import type { Highlight } from '../../canvas/editor-context';

/** Something the test user does some time after entering: an event, or engaging with one of the journey's messages. */
export interface ScriptedEvent {
  name: string;
  /** ISO duration, e.g. PT6H: after the start, or for an engagement after the message is sent ('' for at once). */
  after: string;
  properties: Record<string, unknown>;
  /** Set when the user engages with a message node: opens reach `message_opened` waits and "opened" conditions. */
  engagement?: { nodeId: string; status: EngagementStatus };
}

export interface SimulationScript {
  profile: Record<string, unknown>;
  trigger: { name: string; properties: Record<string, unknown> };
  /** ISO instant of entry. */
  start: string;
  events: ScriptedEvent[];
}

/** Scripted engagement per message: the simulator lets it happen only once that message is sent. */
function engagementAnswers(events: readonly ScriptedEvent[]): SimulationAnswers['message'] {
  const answers: NonNullable<SimulationAnswers['message']> = {};
  for (const { engagement, after } of events)
    if (engagement)
      (answers[engagement.nodeId] ??= []).push({ status: engagement.status, ...(after ? { after } : {}) });
  return answers;
}

export const engagementEvent = (nodeId: string, status: EngagementStatus, after = ''): ScriptedEvent => ({
  name: `message_${status}`,
  after,
  properties: { nodeId },
  engagement: { nodeId, status },
});

/** Runs the draft on the virtual clock and works out which nodes and edges the test user went through. */
export function runSimulation(
  document: DraftDocument,
  steps: StepRegistry,
  script: SimulationScript,
): { result: SimulationResult; highlight: Highlight } {
  const result = simulate(document, {
    steps,
    profile: script.profile,
    trigger: { ...script.trigger, timestamp: script.start },
    start: script.start,
    events: script.events
      .filter((event) => event.name && !event.engagement)
      .map((event) => ({
        name: event.name,
        properties: event.properties,
        timestamp: addDuration(script.start, event.after),
      })),
    answers: { message: engagementAnswers(script.events) },
  });
  const path = result.steps.map((step) => step.nodeId);
  const edges = new Set<string>();
  path.slice(1).forEach((target, index) => {
    const { nodeId: source, outcome } = result.steps[index]!;
    // Two outputs may lead to the same step: the one taken is named by the outcome ("else", "timeout").
    const candidates = document.graph.edges.filter((edge) => edge.source === source && edge.target === target);
    const edge = candidates.find((candidate) => candidate.sourceHandle === outcome) ?? candidates[0];
    if (edge) edges.add(`${source}:${edge.sourceHandle ?? 'next'}->${target}`);
  });
  return { result, highlight: { nodes: new Set(path), edges } };
}
