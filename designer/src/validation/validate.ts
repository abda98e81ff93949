import type { DraftDocument } from '@waymark/workflows/api';
import { compile, type Diagnostic, type StepRegistry } from '@waymark/workflows';
import { besideField } from '../words/diagnostics';

export interface Validation {
  errors: Diagnostic[];
  warnings: Diagnostic[];
  /** Errors and warnings pinned on each node. */
  byNode: ReadonlyMap<string, Diagnostic[]>;
}

/** Document-level fields (settings, name): the compiler stops at them before it looks at the steps. */
const documentField = (diagnostic: Diagnostic) =>
  diagnostic.code === 'invalid_document' && /^(settings|name)(\.|$)/.test(diagnostic.path ?? '');

/**
 * Runs the shared compiler on the draft (the rules the engine applies at publish), plus errors only
 * the engine can find. Everything wrong is listed at once: when the settings fail the compiler's
 * first stage, the steps are checked too (against blank settings). A step that only looks
 * unreachable because the step before it has an error (its outputs are then unknown) is not warned
 * about: the error says what to fix.
 */
export function validate(
  document: DraftDocument,
  steps: StepRegistry,
  engineErrors: readonly Diagnostic[] = [],
): Validation {
  let compiled = compile(document, { steps });
  const errors = [...compiled.errors];
  if (errors.length > 0 && errors.every(documentField)) {
    compiled = compile({ ...document, name: document.name || 'x', settings: {} }, { steps });
    errors.push(...compiled.errors);
  }
  for (const extra of engineErrors) if (!errors.some((error) => error.message === extra.message)) errors.push(extra);
  const connected = reachableByEdges(document);
  const warnings = compiled.warnings.filter(
    (warning) => !(warning.code === 'unreachable_node' && warning.nodeId && connected.has(warning.nodeId)),
  );
  const byNode = new Map<string, Diagnostic[]>();
  for (const diagnostic of [...errors, ...warnings]) {
    if (diagnostic.nodeId) byNode.set(diagnostic.nodeId, [...(byNode.get(diagnostic.nodeId) ?? []), diagnostic]);
  }
  return { errors, warnings, byNode };
}

/** Nodes an arrow path leads to from the trigger, whatever state the steps on the way are in. */
function reachableByEdges(document: DraftDocument): Set<string> {
  const trigger = document.graph.nodes.find((node) => node.type === 'trigger');
  const seen = new Set<string>(trigger ? [trigger.id] : []);
  const queue = [...seen];
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const edge of document.graph.edges) {
      if (edge.source === id && !seen.has(edge.target)) {
        seen.add(edge.target);
        queue.push(edge.target);
      }
    }
  }
  return seen;
}

/** Field errors of one node keyed by path in its data, as sentences for the side panel form. */
export function fieldErrors(diagnostics: readonly Diagnostic[] | undefined): Map<string, string> {
  const errors = new Map<string, string>();
  for (const diagnostic of diagnostics ?? []) {
    if (diagnostic.path !== undefined && !errors.has(diagnostic.path))
      errors.set(diagnostic.path, besideField(diagnostic));
  }
  return errors;
}
