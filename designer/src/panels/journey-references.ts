import type { JourneyFlowNode } from '../store/document-graph';

/** Event names the journey already mentions (trigger, waits), suggested wherever an event is named. */
export function eventNamesOf(nodes: readonly JourneyFlowNode[], settings: Record<string, unknown>): string[] {
  const names = new Set<string>();
  const add = (event: string | undefined) => event && names.add(event);
  for (const node of nodes) {
    if (node.type === 'trigger' && 'event' in node.data) add(node.data.event);
    if (node.type !== 'waitForEvent') continue;
    if ('events' in node.data) for (const path of node.data.events ?? []) add(path.event);
    else if ('event' in node.data) add(node.data.event);
  }
  const goal = settings.goal as { event?: unknown } | undefined;
  if (typeof goal?.event === 'string' && goal.event) names.add(goal.event);
  for (const name of ['order_completed', 'added_to_cart', 'product_liked', 'signed_up']) names.add(name);
  return [...names];
}
