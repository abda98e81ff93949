import { awaitedEvents } from '../schema/awaited-events.js';
import type { NodeData, NodeType } from '../schema/nodes.js';
import type { StepRegistry } from './registry.js';

/** The output handles of a node given its (valid) data. */
export function outputsOf(type: NodeType, data: unknown, steps: StepRegistry): string[] {
  switch (type) {
    case 'exit':
      return [];
    case 'waitForEvent':
      return [...awaitedEvents(data as NodeData<'waitForEvent'>).map((path) => path.handle), 'timeout'];
    case 'branch':
      return [...(data as NodeData<'branch'>).branches.map((branch) => branch.id), 'else'];
    case 'split':
      return (data as NodeData<'split'>).variants.map((variant) => variant.id);
    case 'custom':
      return [...(steps.get((data as NodeData<'custom'>).step)?.outputs ?? ['next'])];
    default:
      return ['next'];
  }
}
