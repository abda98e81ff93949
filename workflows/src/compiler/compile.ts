import stringify from 'fast-json-stable-stringify';
import { IR_VERSION, type IRNode, type JourneyIR } from '../ir/types.js';
import { dataConditionsOf } from '../conditions/evaluate.js';
import type { Condition } from '../schema/condition.js';
import { journeyDocument, type JourneyDocument } from '../schema/document.js';
import { awaitedEvents } from '../schema/awaited-events.js';
import type { NodeData, NodeType } from '../schema/nodes.js';
import { outputsOf } from '../steps/outputs.js';
import { emptyRegistry, type StepRegistry } from '../steps/registry.js';
import { hash53 } from '../util/hash.js';
import { checkNodeData, conditionsOf, type CheckedNode } from './check-node.js';
import type { Diagnostic } from './diagnostics.js';
import { cycles, reachableFrom } from './graph.js';

export interface CompileOptions {
  /** Registered custom steps (their config schemas and outputs). */
  steps?: StepRegistry;
  /** Identity stamped into the IR; drafts compile as `draft` version 0. */
  journey?: { id: string; version: number };
  /** Production rules (https-only webhooks). */
  production?: boolean;
}

export type CompileResult =
  | { ok: true; ir: JourneyIR; errors: []; warnings: Diagnostic[] }
  | { ok: false; ir?: undefined; errors: Diagnostic[]; warnings: Diagnostic[] };

const waitTypes: ReadonlySet<NodeType> = new Set(['delay', 'waitUntil', 'waitForEvent']);

/** Validates a journey document against every rule of docs/journey-language.md#compilation-and-validation and compiles it to the IR. */
export function compile(input: unknown, options: CompileOptions = {}): CompileResult {
  const steps = options.steps ?? emptyRegistry;
  const parsed = journeyDocument.safeParse(input);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue): Diagnostic => {
      const path = issue.path.map(String).join('.');
      const nodeId = nodeIdAt(input, issue.path);
      return {
        code: 'invalid_document',
        path,
        ...(nodeId ? { nodeId } : {}),
        message: `${path || 'document'}: ${issue.message}.`,
      };
    });
    return { ok: false, errors, warnings: [] };
  }
  const document = parsed.data;
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];

  const checked = new Map<string, CheckedNode>();
  const ids = new Set<string>();
  for (const node of document.graph.nodes) {
    if (ids.has(node.id)) {
      errors.push({
        code: 'duplicate_node_id',
        nodeId: node.id,
        message: `Two nodes have the id "${node.id}"; give each node its own id.`,
      });
      continue;
    }
    ids.add(node.id);
    const result = checkNodeData(node, steps, options.production ?? false, errors);
    if (result) checked.set(node.id, result);
  }

  const triggers = document.graph.nodes.filter((node) => node.type === 'trigger');
  if (triggers.length === 0)
    errors.push({
      code: 'no_trigger',
      message: 'The journey has no trigger; add one trigger node to say how people enter.',
    });
  for (const extra of triggers.slice(1)) {
    errors.push({
      code: 'several_triggers',
      nodeId: extra.id,
      message: `Node "${extra.id}" is a second trigger; a journey has exactly one (first: "${triggers[0]!.id}"). Remove it or make it a separate journey.`,
    });
  }

  const next = connectOutputs(document, checked, steps, errors);
  checkMessageReferences(checked, errors);

  const successors = new Map([...next].map(([id, outputs]) => [id, Object.values(outputs)]));
  const entry = triggers[0]?.id;
  if (entry) {
    const reachable = reachableFrom(entry, successors);
    for (const id of ids) {
      if (!reachable.has(id))
        warnings.push({
          code: 'unreachable_node',
          nodeId: id,
          message: `Node "${id}" cannot be reached from the trigger; connect it or delete it.`,
        });
    }
  }
  for (const cycle of cycles([...ids], successors)) {
    if (!cycle.some((id) => waitTypes.has(checked.get(id)?.type as NodeType))) {
      errors.push({
        code: 'cycle_without_wait',
        nodeId: cycle[0]!,
        message: `Nodes ${cycle.map((id) => `"${id}"`).join(' -> ')} form a loop with no delay or wait on it; add a wait so the loop cannot spin.`,
      });
    }
  }

  if (errors.length > 0 || !entry) return { ok: false, errors, warnings };
  return { ok: true, ir: buildIr(document, checked, next, entry, options), errors: [], warnings };
}

/** Resolves edges to `next` maps, reporting unknown nodes or handles, doubly connected and unconnected outputs. */
function connectOutputs(
  document: JourneyDocument,
  checked: ReadonlyMap<string, CheckedNode>,
  steps: StepRegistry,
  errors: Diagnostic[],
): Map<string, Record<string, string>> {
  const next = new Map<string, Record<string, string>>();
  const ids = new Set(document.graph.nodes.map((node) => node.id));
  for (const id of checked.keys()) next.set(id, {});
  for (const edge of document.graph.edges) {
    const handle = edge.sourceHandle;
    const label = `Edge ${edge.source}:${handle} -> ${edge.target}`;
    if (!ids.has(edge.source) || !ids.has(edge.target)) {
      const missing = ids.has(edge.source) ? edge.target : edge.source;
      errors.push({
        code: 'unknown_edge_node',
        nodeId: ids.has(edge.source) ? edge.source : edge.target,
        handle,
        message: `${label} points at node "${missing}", which does not exist; delete the edge.`,
      });
      continue;
    }
    const source = checked.get(edge.source);
    if (!source) continue; // its data is invalid and already reported
    const outputs = outputsOf(source.type, source.data, steps);
    if (!outputs.includes(handle)) {
      errors.push({
        code: 'unknown_handle',
        nodeId: edge.source,
        handle,
        message:
          `${label}: node "${edge.source}" has no output "${handle}"` +
          (outputs.length ? `; its outputs are ${outputs.join(', ')}.` : ' (it has no outputs).'),
      });
      continue;
    }
    const targets = next.get(edge.source)!;
    if (targets[handle] !== undefined) {
      errors.push({
        code: 'handle_connected_twice',
        nodeId: edge.source,
        handle,
        message: `Output "${handle}" of node "${edge.source}" is connected to both "${targets[handle]}" and "${edge.target}"; an output leads to one node.`,
      });
      continue;
    }
    targets[handle] = edge.target;
  }
  for (const [id, node] of checked) {
    for (const handle of outputsOf(node.type, node.data, steps)) {
      if (next.get(id)![handle] === undefined) {
        errors.push({
          code: 'unconnected_output',
          nodeId: id,
          handle,
          message: `Output "${handle}" of node "${id}" is not connected; connect it to the next step (or an Exit).`,
        });
      }
    }
  }
  return next;
}

/** `{ message: "<node id>" }` conditions must name a message node of this journey. */
function checkMessageReferences(checked: ReadonlyMap<string, CheckedNode>, errors: Diagnostic[]): void {
  for (const [id, node] of checked) {
    for (const condition of conditionsOf(node.type, node.data)) {
      for (const data of dataConditionsOf(condition)) {
        if ('message' in data && checked.get(data.message)?.type !== 'message') {
          errors.push({
            code: 'unknown_message_node',
            nodeId: id,
            message: `Node "${id}" checks engagement with "${data.message}", which is not a message node of this journey.`,
          });
        }
      }
    }
  }
}

function buildIr(
  document: JourneyDocument,
  checked: ReadonlyMap<string, CheckedNode>,
  next: ReadonlyMap<string, Record<string, string>>,
  entry: string,
  options: CompileOptions,
): JourneyIR {
  const nodes: Record<string, IRNode> = {};
  for (const [id, node] of checked) nodes[id] = { id, type: node.type, data: node.data, next: next.get(id)! } as IRNode;
  const settings = document.settings;
  const listened: { event: string; where?: Condition | undefined }[] = [
    ...Object.values(nodes).flatMap((node) => (node.type === 'waitForEvent' ? awaitedEvents(node.data) : [])),
    ...(settings.goal ? [{ event: settings.goal.event, where: settings.goal.where }] : []),
    ...settings.exitOn,
  ];
  const body: Omit<JourneyIR, 'hash'> = {
    irVersion: IR_VERSION,
    journey: { id: options.journey?.id ?? 'draft', name: document.name, version: options.journey?.version ?? 0 },
    entry,
    trigger: nodes[entry]!.data as NodeData<'trigger'>,
    settings,
    nodes,
    listensTo: [...new Set(listened.map((l) => l.event))].sort(),
    needsProperties: [...new Set(listened.filter((l) => l.where).map((l) => l.event))].sort(),
  };
  return { ...body, hash: hash53(stringify({ ...body, journey: { name: document.name } })).toString(16) };
}

/** The id of the node an issue path points into (`graph.nodes.3...`), when the raw input has one. */
function nodeIdAt(input: unknown, path: readonly PropertyKey[]): string | undefined {
  if (path[0] !== 'graph' || path[1] !== 'nodes' || typeof path[2] !== 'number') return undefined;
  const node = (input as { graph?: { nodes?: { id?: unknown }[] } }).graph?.nodes?.[path[2]];
  return typeof node?.id === 'string' ? node.id : undefined;
}
