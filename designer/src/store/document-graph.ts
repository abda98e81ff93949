import type { DraftDocument } from '@waymark/workflows/api';
import type { NodeDataInput, NodeType } from '@waymark/workflows';
import type { Edge, Node, XYPosition } from '@xyflow/react';

/**
 * A node's data while it is edited: the journey language's data for its type, with fields missing
 * until it validates (the compiler says which).
 */
export type EditedNodeData<T extends NodeType = NodeType> = Partial<NodeDataInput<T>>;

/**
 * A canvas node, one member per journey node type (docs/journey-language.md#node-types): checking
 * `node.type` narrows `node.data` to that type's data. `type` and `data` are the journey node's, unchanged.
 */
export type JourneyFlowNode = { [T in NodeType]: Node<EditedNodeData<T>, T> }[NodeType];
export type JourneyFlowEdge = Edge;

export interface JourneyGraph {
  nodes: JourneyFlowNode[];
  edges: JourneyFlowEdge[];
}

/** One edge per (source, handle, target): the id is derived, so the same edge always gets the same id. */
export const edgeId = (source: string, handle: string, target: string): string => `${source}:${handle}->${target}`;

export function flowEdge(source: string, handle: string, target: string): JourneyFlowEdge {
  return { id: edgeId(source, handle, target), source, sourceHandle: handle, target };
}

/**
 * A canvas node from a saved or new node: its data is taken as its type's edited data. Drafts are
 * half-finished by design; the compiler (live validation, publish) checks the data against the type.
 */
export function flowNode(
  node: { id: string; type: string; data: Record<string, unknown>; position: XYPosition },
  extra: Pick<JourneyFlowNode, 'selected'> = {},
): JourneyFlowNode {
  return { ...node, ...extra } as JourneyFlowNode;
}

/** Document -> canvas. Nodes saved without a position are listed in `unplaced` for auto-layout. */
export function documentToGraph(document: Pick<DraftDocument, 'graph'>): JourneyGraph & { unplaced: string[] } {
  const unplaced: string[] = [];
  const nodes = document.graph.nodes.map((node): JourneyFlowNode => {
    if (!node.position) unplaced.push(node.id);
    return flowNode({ id: node.id, type: node.type, data: node.data, position: node.position ?? { x: 0, y: 0 } });
  });
  const edges = document.graph.edges.map((edge) => flowEdge(edge.source, edge.sourceHandle ?? 'next', edge.target));
  return { nodes, edges, unplaced };
}

/** Canvas -> document: only what the journey document defines; selection, sizes and the like stay on the canvas. */
export function graphToDocument(
  { nodes, edges }: JourneyGraph,
  name: string,
  settings: Record<string, unknown>,
): DraftDocument {
  return {
    name,
    graph: {
      nodes: nodes.map((node) => ({
        id: node.id,
        type: node.type ?? 'unknown',
        data: node.data,
        position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
      })),
      edges: edges.map((edge) => ({
        source: edge.source,
        sourceHandle: edge.sourceHandle ?? 'next',
        target: edge.target,
      })),
    },
    settings,
  };
}
