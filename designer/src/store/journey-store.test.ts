import type { DraftDocument } from '@waymark/workflows/api';
import { cartReminder, exampleJourneys } from '@waymark/workflows';
import { describe, expect, it } from 'vitest';
import { graphToDocument, documentToGraph } from './document-graph';
import { createJourneyStore, journeyChanged } from './journey-store';

const withPositions = (document: DraftDocument): DraftDocument => ({
  ...document,
  graph: {
    ...document.graph,
    nodes: document.graph.nodes.map((node, i) => ({ ...node, position: { x: i * 10, y: i * 100 } })),
  },
});
/** The examples as journey documents: every edge names its handle, every node its position. */
const normalised = (document: DraftDocument): DraftDocument => ({
  ...withPositions(document),
  graph: {
    nodes: withPositions(document).graph.nodes,
    edges: document.graph.edges.map((edge) => ({ ...edge, sourceHandle: edge.sourceHandle ?? 'next' })),
  },
});

const delay = { type: 'delay', data: { duration: 'P1D' }, outputs: ['next'] };

describe('document <-> graph', () => {
  it.each(exampleJourneys.map((journey) => [journey.name, journey] as const))('round-trips %s', (_name, journey) => {
    const document = normalised(journey);
    const graph = documentToGraph(document);
    expect(graph.unplaced).toEqual([]);
    expect(graphToDocument(graph, document.name, document.settings)).toEqual(document);
  });

  it('defaults sourceHandle to next and reports nodes without a position', () => {
    const graph = documentToGraph(cartReminder);
    expect(graph.unplaced).toHaveLength(cartReminder.graph.nodes.length);
    expect(graph.edges[0]).toMatchObject({ source: 'trigger', sourceHandle: 'next', target: 'golden_time' });
    expect(graphToDocument(graph, 'x', {}).graph.edges[0]).toEqual({
      source: 'trigger',
      sourceHandle: 'next',
      target: 'golden_time',
    });
  });

  it('keeps canvas-only state (selection) out of the document', () => {
    const store = createJourneyStore();
    store.getState().load(normalised(cartReminder));
    store.getState().select(['reminder']);
    const saved = store.getState().toDocument();
    expect(saved.graph.nodes.find((node) => node.id === 'reminder')).toEqual({
      id: 'reminder',
      type: 'message',
      data: cartReminder.graph.nodes[4]!.data,
      position: { x: 40, y: 400 },
    });
  });
});

describe('journey store', () => {
  const loaded = () => {
    const store = createJourneyStore();
    store.getState().load({
      name: 'Chain',
      graph: {
        nodes: [
          { id: 't', type: 'trigger', data: { kind: 'api' }, position: { x: 0, y: 0 } },
          { id: 'x', type: 'exit', data: {}, position: { x: 0, y: 200 } },
        ],
        edges: [{ source: 't', sourceHandle: 'next', target: 'x' }],
      },
      settings: {},
    });
    return store;
  };

  it('inserts a node on an edge: source -> new -> target', () => {
    const store = loaded();
    const id = store.getState().insertOnEdge('t:next->x', delay, { x: 0, y: 100 });
    expect(id).toBe('delay_1');
    expect(store.getState().toDocument().graph.edges).toEqual([
      { source: 't', sourceHandle: 'next', target: 'delay_1' },
      { source: 'delay_1', sourceHandle: 'next', target: 'x' },
    ]);
    expect(store.getState().nodes.find((node) => node.id === id)?.selected).toBe(true);
  });

  it('makes room below an inserted node', () => {
    const store = loaded();
    store.getState().insertOnEdge('t:next->x', delay, { x: 0, y: 150 }, 120);
    expect(store.getState().nodes.find((node) => node.id === 'x')?.position).toEqual({ x: 0, y: 320 });
    expect(store.getState().nodes.find((node) => node.id === 't')?.position).toEqual({ x: 0, y: 0 });
  });

  it('inserts through the first output of a multi-output node', () => {
    const store = loaded();
    store
      .getState()
      .insertOnEdge(
        't:next->x',
        { type: 'waitForEvent', data: { event: 'order_completed', timeout: 'P2D' }, outputs: ['matched', 'timeout'] },
        { x: 0, y: 100 },
      );
    expect(store.getState().toDocument().graph.edges).toContainEqual({
      source: 'waitForEvent_1',
      sourceHandle: 'matched',
      target: 'x',
    });
  });

  it('undoes and redoes adds, edits and deletes', () => {
    const store = loaded();
    const original = store.getState().toDocument();
    store.getState().addNode(delay, { x: 100, y: 100 }, { source: 't', handle: 'next' });
    const added = store.getState().toDocument();
    expect(added.graph.edges).toEqual([{ source: 't', sourceHandle: 'next', target: 'delay_1' }]);
    store.getState().updateNodeData('delay_1', { duration: 'P3D' });
    store.getState().select(['delay_1']);
    store.getState().deleteSelected();
    expect(store.getState().nodes.map((node) => node.id)).toEqual(['t', 'x']);

    store.getState().undo();
    expect(store.getState().nodes.find((node) => node.id === 'delay_1')?.data).toEqual({ duration: 'P3D' });
    store.getState().undo();
    expect(store.getState().toDocument()).toEqual(added);
    store.getState().undo();
    expect(store.getState().toDocument()).toEqual(original);
    store.getState().undo();
    expect(store.getState().toDocument()).toEqual(original);

    store.getState().redo();
    expect(store.getState().toDocument()).toEqual(added);
  });

  it('merges keystrokes in one node into one undo step', () => {
    const store = loaded();
    for (const duration of ['P', 'P1', 'P1D']) store.getState().updateNodeData('t', { kind: 'api', note: duration });
    store.getState().undo();
    expect(store.getState().nodes[0]?.data).toEqual({ kind: 'api' });
  });

  it('copies and pastes the selection with fresh ids and inner edges', () => {
    const store = loaded();
    store.getState().select(['t', 'x']);
    store.getState().copySelected();
    store.getState().paste({ x: 300, y: 0 });
    const { nodes, edges } = store.getState().toDocument().graph;
    expect(nodes.map((node) => node.id)).toEqual(['t', 'x', 'trigger_1', 'exit_1']);
    expect(nodes[2]?.position).toEqual({ x: 300, y: 0 });
    expect(edges).toContainEqual({ source: 'trigger_1', sourceHandle: 'next', target: 'exit_1' });
    expect(
      store
        .getState()
        .nodes.filter((node) => node.selected)
        .map((node) => node.id),
    ).toEqual(['trigger_1', 'exit_1']);
  });

  it('deletes selected nodes with their edges, and selected edges alone', () => {
    const store = loaded();
    store.getState().onEdgesChange([{ type: 'select', id: 't:next->x', selected: true }]);
    store.getState().deleteSelected();
    expect(store.getState().edges).toEqual([]);
    expect(store.getState().nodes).toHaveLength(2);
    store.getState().undo();
    store.getState().select(['x']);
    store.getState().deleteSelected();
    expect(store.getState().toDocument().graph).toEqual({
      nodes: [{ id: 't', type: 'trigger', data: { kind: 'api' }, position: { x: 0, y: 0 } }],
      edges: [],
    });
  });

  it('tells journey changes from selection and moves', () => {
    const store = loaded();
    const states = [store.getState()];
    const changedBy = (action: () => void) => {
      action();
      states.push(store.getState());
      return journeyChanged(states.at(-1)!, states.at(-2)!);
    };
    expect(changedBy(() => store.getState().select(['t']))).toBe(false);
    expect(changedBy(() => store.getState().placeNodes({ t: { x: 5, y: 5 } }, false))).toBe(false);
    expect(changedBy(() => store.getState().updateNodeData('t', { kind: 'api', x: 1 }))).toBe(true);
    expect(changedBy(() => store.getState().deleteSelected())).toBe(true);
  });

  it('replaces the edge of an output that is connected again', () => {
    const store = loaded();
    store.getState().addNode(delay, { x: 0, y: 0 });
    store.getState().connect({ source: 't', sourceHandle: 'next', target: 'delay_1', targetHandle: null });
    expect(store.getState().toDocument().graph.edges).toEqual([
      { source: 't', sourceHandle: 'next', target: 'delay_1' },
    ]);
  });
});
