import type { DraftDocument } from '@waymark/workflows/api';
import type { StepCatalog } from '../steps/catalog';
import { outputsOf } from '../steps/outputs';
import { createJourneyStore, type JourneyStore } from '../store/journey-store';
import { placeNodes } from './layout';
import { NODE_SIZE } from './new-node';

/**
 * Lays out the given nodes (all of them for "Tidy up", or those saved without a position) and
 * leaves every other node where the marketer put it.
 */
export async function autoLayout(
  store: JourneyStore,
  catalog: StepCatalog,
  which: ReadonlySet<string> | 'all',
): Promise<void> {
  const { nodes, edges } = store.getState();
  const targets = which === 'all' ? new Set(nodes.map((node) => node.id)) : which;
  if (targets.size === 0) return;
  const positions = await placeNodes(
    nodes.map((node) => ({
      id: node.id,
      width: node.measured?.width ?? NODE_SIZE.width,
      height: node.measured?.height ?? NODE_SIZE.height,
      outputs: outputsOf(node, catalog).map((output) => output.id),
      position: node.position,
    })),
    edges.map((edge) => ({ source: edge.source, sourceHandle: edge.sourceHandle ?? 'next', target: edge.target })),
    targets,
  );
  store.getState().placeNodes(positions, which === 'all');
}

/** A document with positions for the nodes saved without one, so the canvas never shows them stacked. */
export async function withLayout(document: DraftDocument, catalog: StepCatalog): Promise<DraftDocument> {
  const staging = createJourneyStore();
  const unplaced = staging.getState().load(document);
  await autoLayout(staging, catalog, new Set(unplaced));
  return staging.getState().toDocument();
}
