import {
  addDuration,
  simulate,
  type SimulationAnswers,
  type SimulationResult,
  type StepRegistry,
} from '@waymark/workflows';
import type { Highlight } from '../../canvas/editor-context';
import type { JourneyDocument } from '../../store/document-graph';

export type Engagement = 'delivered' | 'opened' | 'clicked';

/** Something the test user does some time after entering: an event, or engaging with one of the journey's messages. */
export interface ScriptedEvent {
  name: string;
  /** ISO duration after the start, e.g. PT6H. */
  after: string;
  properties: Record<string, unknown>;
  /** Set when the user engages with a message node: opens reach `message_opened` waits and "opened" conditions. */
  engagement?: { nodeId: string; status: Engagement };
}

export interface SimulationScript {
  profile: Record<string, unknown>;
  trigger: { name: string; properties: Record<string, unknown> };
  /** ISO instant of entry. */
  start: string;
  events: ScriptedEvent[];
}

/** Each engagement implies the ones before it: a click was also an open and a delivery. */
const implied: Record<Engagement, Engagement[]> = {
  delivered: ['delivered'],
  opened: ['delivered', 'opened'],
  clicked: ['delivered', 'opened', 'clicked'],
};

/**
 * Engagement as the engine records it: a `message_<status>` event naming the node, and the
 * message's status for "opened / clicked <message>" conditions.
 */
function engagementAnswers(events: readonly ScriptedEvent[]): SimulationAnswers['message'] {
  const statuses: Record<string, string[]> = {};
  for (const { engagement } of events) {
    if (engagement)
      statuses[engagement.nodeId] = [
        ...new Set([...(statuses[engagement.nodeId] ?? []), ...implied[engagement.status]]),
      ];
  }
  return statuses;
}

export const engagementEvent = (nodeId: string, status: Engagement, after = 'PT1H'): ScriptedEvent => ({
  name: `message_${status}`,
  after,
  properties: { nodeId },
  engagement: { nodeId, status },
});

/** Runs the draft on the virtual clock and works out which nodes and edges the test user went through. */
export function runSimulation(
  document: JourneyDocument,
  steps: StepRegistry,
  script: SimulationScript,
): { result: SimulationResult; highlight: Highlight } {
  const result = simulate(document, {
    steps,
    profile: script.profile,
    trigger: { ...script.trigger, timestamp: script.start },
    start: script.start,
    events: script.events
      .filter((event) => event.name)
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
    const source = path[index]!;
    const edge = document.graph.edges.find((candidate) => candidate.source === source && candidate.target === target);
    if (edge) edges.add(`${source}:${edge.sourceHandle ?? 'next'}->${target}`);
  });
  return { result, highlight: { nodes: new Set(path), edges } };
}
