import { addDuration, simulate, type SimulationResult, type StepRegistry } from '@waymark/workflows';
import type { Highlight } from '../../canvas/editor-context';
import type { JourneyDocument } from '../../store/document-graph';

/** An event the test user performs, some time after entering. */
export interface ScriptedEvent {
  name: string;
  /** ISO duration after the start, e.g. PT6H. */
  after: string;
  properties: Record<string, unknown>;
}

export interface SimulationScript {
  profile: Record<string, unknown>;
  trigger: { name: string; properties: Record<string, unknown> };
  /** ISO instant of entry. */
  start: string;
  events: ScriptedEvent[];
}

/** Runs the draft on the virtual clock and works out which nodes and edges the test user went through. */
export function runSimulation(document: JourneyDocument, steps: StepRegistry, script: SimulationScript): { result: SimulationResult; highlight: Highlight } {
  const result = simulate(document, {
    steps,
    profile: script.profile,
    trigger: { ...script.trigger, timestamp: script.start },
    start: script.start,
    events: script.events.filter((event) => event.name).map((event) => ({ name: event.name, properties: event.properties, timestamp: addDuration(script.start, event.after) })),
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
