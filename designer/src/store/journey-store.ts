import type { DraftDocument } from '@waymark/workflows/api';
import {
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type XYPosition,
} from '@xyflow/react';
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  documentToGraph,
  flowEdge,
  flowNode,
  graphToDocument,
  type JourneyFlowEdge,
  type JourneyFlowNode,
  type JourneyGraph,
} from './document-graph';
import { newNodeId } from './node-ids';

/** What undo/redo restores. */
interface Snapshot {
  name: string;
  settings: Record<string, unknown>;
  nodes: JourneyFlowNode[];
  edges: JourneyFlowEdge[];
}

/** A node to create: its type and initial data; `outputs` are its handles, first one used when inserting. */
export interface NewNode {
  type: string;
  data: Record<string, unknown>;
  outputs: string[];
}

export interface JourneyState extends Snapshot {
  past: Snapshot[];
  future: Snapshot[];
  clipboard: JourneyGraph | null;
  /** Replaces the journey (no undo across journeys); returns the ids of nodes that need a position. */
  load(document: DraftDocument): string[];
  toDocument(): DraftDocument;
  setName(name: string): void;
  setSettings(settings: Record<string, unknown>): void;
  onNodesChange(changes: NodeChange<JourneyFlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<JourneyFlowEdge>[]): void;
  /** Call when a drag starts: the whole drag becomes one undo step. */
  beginDrag(): void;
  connect(connection: Connection): void;
  /** Adds a node (selected); `from` also connects an existing output to it. Returns its id. */
  addNode(node: NewNode, position: XYPosition, from?: { source: string; handle: string }): string;
  /**
   * Splits an edge: source -> new node -> old target, through the new node's first output. The
   * old target and everything after it below the new node move down by `room` to make space.
   */
  insertOnEdge(edgeId: string, node: NewNode, position: XYPosition, room?: number): string;
  updateNodeData(id: string, data: Record<string, unknown>): void;
  select(nodeIds: string[]): void;
  deleteSelected(): void;
  copySelected(): void;
  paste(offset?: XYPosition): void;
  /** Moves nodes (auto-layout); undoable when the user asked for it. */
  placeNodes(positions: Record<string, XYPosition>, undoable: boolean): void;
  undo(): void;
  redo(): void;
}

const HISTORY_LIMIT = 100;
/** Keystrokes in one field within this window are one undo step. */
const COALESCE_MS = 1000;

const emptySnapshot: Snapshot = { name: 'Untitled journey', settings: {}, nodes: [], edges: [] };

export type JourneyStore = StoreApi<JourneyState>;

/** Whether the journey itself changed between two states (not selection, sizes or drag positions). */
export function journeyChanged(next: JourneyState, previous: JourneyState): boolean {
  if (next.edges.length !== previous.edges.length || next.edges.some((edge, i) => edge.id !== previous.edges[i]?.id))
    return true;
  return (
    next.nodes.length !== previous.nodes.length ||
    next.nodes.some((node, i) => node.id !== previous.nodes[i]?.id || node.data !== previous.nodes[i]?.data)
  );
}

/** A node and every node reachable from it. */
function downstreamOf(start: string, edges: readonly JourneyFlowEdge[]): Set<string> {
  const seen = new Set([start]);
  const queue = [start];
  for (let current = queue.shift(); current !== undefined; current = queue.shift()) {
    for (const edge of edges)
      if (edge.source === current && !seen.has(edge.target)) {
        queue.push(edge.target);
        seen.add(edge.target);
      }
  }
  return seen;
}

export function createJourneyStore(): JourneyStore {
  let lastRecord = { key: '', at: 0 };

  return createStore<JourneyState>()((set, get) => {
    const snapshot = (): Snapshot => {
      const { name, settings, nodes, edges } = get();
      return { name, settings, nodes, edges };
    };
    /** Pushes the current state onto the undo stack before a change; `key` merges rapid edits of one field. */
    const record = (key = '') => {
      const now = Date.now();
      const merge = key !== '' && key === lastRecord.key && now - lastRecord.at < COALESCE_MS;
      lastRecord = { key, at: now };
      if (merge) return;
      set((state) => ({ past: [...state.past, snapshot()].slice(-HISTORY_LIMIT), future: [] }));
    };
    const selectOnly = (nodes: JourneyFlowNode[], ids: ReadonlySet<string>) =>
      nodes.map((node) => (node.selected === ids.has(node.id) ? node : { ...node, selected: ids.has(node.id) }));
    const taken = () => new Set(get().nodes.map((node) => node.id));

    return {
      ...emptySnapshot,
      past: [],
      future: [],
      clipboard: null,

      load(document) {
        const { nodes, edges, unplaced } = documentToGraph(document);
        lastRecord = { key: '', at: 0 };
        set({ name: document.name, settings: document.settings ?? {}, nodes, edges, past: [], future: [] });
        return unplaced;
      },

      toDocument: () => graphToDocument(get(), get().name, get().settings),

      setName(name) {
        record('name');
        set({ name });
      },

      setSettings(settings) {
        record('settings');
        set({ settings });
      },

      onNodesChange(changes) {
        const removed = changes.some((change) => change.type === 'remove');
        if (removed) record();
        set({ nodes: applyNodeChanges(changes, get().nodes) });
      },

      onEdgesChange(changes) {
        if (changes.some((change) => change.type === 'remove')) record();
        set({ edges: applyEdgeChanges(changes, get().edges) });
      },

      beginDrag: () => record(),

      connect({ source, sourceHandle, target }) {
        if (!source || !target || source === target) return;
        const handle = sourceHandle ?? 'next';
        record();
        // One edge per output: reconnecting an output replaces its edge (the compiler rejects two).
        const kept = get().edges.filter(
          (edge) => !(edge.source === source && (edge.sourceHandle ?? 'next') === handle),
        );
        set({ edges: [...kept, flowEdge(source, handle, target)] });
      },

      addNode({ type, data }, position, from) {
        record();
        const id = newNodeId(type, taken());
        const node = flowNode({ id, type, data, position }, { selected: true });
        const edges = from
          ? [
              ...get().edges.filter((e) => !(e.source === from.source && (e.sourceHandle ?? 'next') === from.handle)),
              flowEdge(from.source, from.handle, id),
            ]
          : get().edges;
        set({ nodes: [...selectOnly(get().nodes, new Set()), node], edges });
        return id;
      },

      insertOnEdge(edgeId, { type, data, outputs }, position, room = 0) {
        const edge = get().edges.find((candidate) => candidate.id === edgeId);
        if (!edge) return get().addNode({ type, data, outputs }, position);
        record();
        const id = newNodeId(type, taken());
        const handle = edge.sourceHandle ?? 'next';
        const through = outputs[0];
        const edges = [
          ...get().edges.filter((candidate) => candidate.id !== edgeId),
          flowEdge(edge.source, handle, id),
          ...(through ? [flowEdge(id, through, edge.target)] : []),
        ];
        const below = downstreamOf(edge.target, get().edges);
        const moved = get().nodes.map((node) =>
          below.has(node.id) && node.position.y >= position.y
            ? { ...node, position: { x: node.position.x, y: node.position.y + room } }
            : node,
        );
        set({
          nodes: [...selectOnly(moved, new Set()), flowNode({ id, type, data, position }, { selected: true })],
          edges,
        });
        return id;
      },

      updateNodeData(id, data) {
        record(`data:${id}`);
        set({ nodes: get().nodes.map((node) => (node.id === id ? flowNode({ ...node, data }) : node)) });
      },

      select(nodeIds) {
        set({
          nodes: selectOnly(get().nodes, new Set(nodeIds)),
          edges: get().edges.map((edge) => (edge.selected ? { ...edge, selected: false } : edge)),
        });
      },

      deleteSelected() {
        const { nodes, edges } = get();
        const doomed = new Set(nodes.filter((node) => node.selected).map((node) => node.id));
        const keptEdges = edges.filter(
          (edge) => !edge.selected && !doomed.has(edge.source) && !doomed.has(edge.target),
        );
        if (doomed.size === 0 && keptEdges.length === edges.length) return;
        record();
        set({ nodes: nodes.filter((node) => !doomed.has(node.id)), edges: keptEdges });
      },

      copySelected() {
        const nodes = get().nodes.filter((node) => node.selected);
        if (nodes.length === 0) return;
        const ids = new Set(nodes.map((node) => node.id));
        set({
          clipboard: { nodes, edges: get().edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target)) },
        });
      },

      paste(offset = { x: 40, y: 40 }) {
        const clipboard = get().clipboard;
        if (!clipboard) return;
        record();
        const ids = taken();
        const renamed = new Map<string, string>();
        for (const node of clipboard.nodes) {
          const id = newNodeId(node.type ?? 'node', ids);
          ids.add(id);
          renamed.set(node.id, id);
        }
        const pasted = clipboard.nodes.map((node) =>
          flowNode(
            {
              id: renamed.get(node.id)!,
              type: node.type,
              data: structuredClone(node.data),
              position: { x: node.position.x + offset.x, y: node.position.y + offset.y },
            },
            { selected: true },
          ),
        );
        const pastedEdges = clipboard.edges.map((edge) =>
          flowEdge(renamed.get(edge.source)!, edge.sourceHandle ?? 'next', renamed.get(edge.target)!),
        );
        set({ nodes: [...selectOnly(get().nodes, new Set()), ...pasted], edges: [...get().edges, ...pastedEdges] });
      },

      placeNodes(positions, undoable) {
        if (undoable) record();
        set({
          nodes: get().nodes.map((node) => (positions[node.id] ? { ...node, position: positions[node.id]! } : node)),
        });
      },

      undo() {
        const { past } = get();
        const previous = past.at(-1);
        if (!previous) return;
        lastRecord = { key: '', at: 0 };
        set((state) => ({ ...previous, past: past.slice(0, -1), future: [snapshot(), ...state.future] }));
      },

      redo() {
        const [next, ...rest] = get().future;
        if (!next) return;
        lastRecord = { key: '', at: 0 };
        set((state) => ({ ...next, past: [...state.past, snapshot()], future: rest }));
      },
    };
  });
}
