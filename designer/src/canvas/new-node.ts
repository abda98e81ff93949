import type { StepCatalog, StepInfo } from '../steps/catalog';
import { defaultData } from '../steps/default-data';
import { outputsOf } from '../steps/outputs';
import type { NewNode } from '../store/journey-store';

/** The node a palette entry creates: starting data and the outputs that data gives it. */
export function newNodeFor(info: StepInfo, catalog: StepCatalog): NewNode {
  const data = defaultData(info);
  return { type: info.type, data, outputs: outputsOf({ type: info.type, data }, catalog).map((output) => output.id) };
}

/** Card size used before the browser has measured a node (layout, drop centring). */
export const NODE_SIZE = { width: 240, height: 96 };
