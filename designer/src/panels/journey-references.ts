import type { JourneyFlowNode } from '../store/document-graph';

/** Event names the journey already mentions (trigger, waits), suggested wherever an event is named. */
export function eventNamesOf(nodes: readonly JourneyFlowNode[], settings: Record<string, unknown>): string[] {
  const names = new Set<string>();
  for (const node of nodes) {
    const paths = Array.isArray(node.data.events) ? (node.data.events as { event?: unknown }[]) : [node.data];
    for (const { event } of paths) if (typeof event === 'string' && event) names.add(event);
  }
  const goal = settings.goal as { event?: unknown } | undefined;
  if (typeof goal?.event === 'string' && goal.event) names.add(goal.event);
  for (const name of ['order_completed', 'added_to_cart', 'product_liked', 'signed_up']) names.add(name);
  return [...names];
}
