import type { XYPosition } from '@xyflow/react';
import type { ELK } from 'elkjs/lib/elk-api';

/** What layout needs to know of a node: its size and its outputs in the order the card draws them. */
export interface LayoutNode {
  id: string;
  width: number;
  height: number;
  outputs: string[];
}

export interface LayoutEdge {
  source: string;
  sourceHandle: string;
  target: string;
}

let elk: Promise<ELK> | undefined;
/** ELK is large (~1.5 MB): loaded on the first layout, not with the app. */
const loadElk = () => (elk ??= import('elkjs/lib/elk.bundled.js').then(({ default: Elk }) => new Elk()));

const layoutOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.layered.spacing.nodeNodeBetweenLayers': '70',
  'elk.spacing.nodeNode': '50',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
};

/**
 * Nodes in the order a reader follows the journey: from the entry, each output's path before the
 * next output's. ELK keeps this order within a layer, so "2 days" stays left of "1 day" below a split.
 */
export function readingOrder(nodes: LayoutNode[], edges: LayoutEdge[]): LayoutNode[] {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const targeted = new Set(edges.map((edge) => edge.target));
  const seen = new Set<string>();
  const ordered: LayoutNode[] = [];
  const visit = (node: LayoutNode) => {
    if (seen.has(node.id)) return;
    seen.add(node.id);
    ordered.push(node);
    const outgoing = edges
      .filter((edge) => edge.source === node.id)
      .sort((a, b) => node.outputs.indexOf(a.sourceHandle) - node.outputs.indexOf(b.sourceHandle));
    for (const edge of outgoing) {
      const target = byId.get(edge.target);
      if (target) visit(target);
    }
  };
  for (const node of [...nodes.filter((n) => !targeted.has(n.id)), ...nodes]) visit(node);
  return ordered;
}

/** Top-down layered layout; ports in a fixed order keep branch outputs left-to-right as on the card. */
export async function layoutGraph(nodes: LayoutNode[], edges: LayoutEdge[]): Promise<Record<string, XYPosition>> {
  const ids = new Set(nodes.map((node) => node.id));
  const graph = await (
    await loadElk()
  ).layout({
    id: 'root',
    layoutOptions,
    children: readingOrder(nodes, edges).map((node) => ({
      id: node.id,
      width: node.width,
      height: node.height,
      // Only nodes with several outputs: a port constraint on the others reorders whole layers badly.
      ...(node.outputs.length > 1 ? { layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' } } : {}),
      // ELK numbers ports clockwise, so on the south side index 0 is the rightmost.
      ports: node.outputs.map((output, index) => ({
        id: `${node.id}::${output}`,
        layoutOptions: { 'elk.port.side': 'SOUTH', 'elk.port.index': String(node.outputs.length - 1 - index) },
      })),
    })),
    edges: edges
      .filter((edge) => ids.has(edge.source) && ids.has(edge.target))
      .map((edge, index) => {
        const port = `${edge.source}::${edge.sourceHandle}`;
        const known = nodes.find((node) => node.id === edge.source)?.outputs.includes(edge.sourceHandle);
        return { id: `e${index}`, sources: [known ? port : edge.source], targets: [edge.target] };
      }),
  });
  return Object.fromEntries((graph.children ?? []).map((child) => [child.id, { x: child.x ?? 0, y: child.y ?? 0 }]));
}

/**
 * Positions for the `unplaced` nodes only; the others keep where the marketer put them. The
 * computed layout is shifted by the average offset of the kept nodes so new nodes land near them.
 */
export async function placeNodes(
  nodes: (LayoutNode & { position: XYPosition })[],
  edges: LayoutEdge[],
  unplaced: ReadonlySet<string>,
): Promise<Record<string, XYPosition>> {
  if (unplaced.size === 0) return {};
  const laidOut = await layoutGraph(nodes, edges);
  const kept = nodes.filter((node) => !unplaced.has(node.id) && laidOut[node.id]);
  const shift =
    kept.length === 0
      ? { x: 0, y: 0 }
      : {
          x: kept.reduce((sum, node) => sum + node.position.x - laidOut[node.id]!.x, 0) / kept.length,
          y: kept.reduce((sum, node) => sum + node.position.y - laidOut[node.id]!.y, 0) / kept.length,
        };
  return Object.fromEntries(
    [...unplaced]
      .filter((id) => laidOut[id])
      .map((id) => [id, { x: laidOut[id]!.x + shift.x, y: laidOut[id]!.y + shift.y }]),
  );
}
