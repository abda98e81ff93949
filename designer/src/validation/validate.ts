import { compile, type Diagnostic, type StepRegistry } from '@waymark/workflows';
import type { JourneyDocument } from '../store/document-graph';

export interface Validation {
  errors: Diagnostic[];
  warnings: Diagnostic[];
  /** Errors and warnings pinned on each node. */
  byNode: ReadonlyMap<string, Diagnostic[]>;
}

/** Runs the shared compiler on the draft (the rules the engine applies at publish), plus errors only the engine can find. */
export function validate(document: JourneyDocument, steps: StepRegistry, engineErrors: readonly Diagnostic[] = []): Validation {
  const compiled = compile(document, { steps });
  const errors = [...compiled.errors];
  for (const extra of engineErrors) if (!errors.some((error) => error.message === extra.message)) errors.push(extra);
  const { warnings } = compiled;
  const byNode = new Map<string, Diagnostic[]>();
  for (const diagnostic of [...errors, ...warnings]) {
    if (diagnostic.nodeId) byNode.set(diagnostic.nodeId, [...(byNode.get(diagnostic.nodeId) ?? []), diagnostic]);
  }
  return { errors, warnings, byNode };
}

/** A node's message without the 'Node "x", field y:' prefix, where the node (card or form) is already in view. */
export const messageOnNode = (diagnostic: Diagnostic): string => diagnostic.message.replace(/^Node "[^"]*", field [^:]*: /, '');

/** Field errors of one node keyed by path in its data, for the side panel form. */
export function fieldErrors(diagnostics: readonly Diagnostic[] | undefined): Map<string, string> {
  const errors = new Map<string, string>();
  for (const diagnostic of diagnostics ?? []) {
    if (diagnostic.path !== undefined && !errors.has(diagnostic.path)) errors.set(diagnostic.path, messageOnNode(diagnostic));
  }
  return errors;
}
