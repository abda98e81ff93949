import { useMemo } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/shallow';
import { stepOf, type StepCatalog } from '../steps/catalog';
import { messageHeadline, summarize, type SummaryContext } from '../steps/summary';
import type { JourneyStore } from '../store/journey-store';

/** How one journey's nodes are named wherever a person reads about them (cards, timeline, pickers, problems). */
export interface JourneyWords extends SummaryContext {
  /** A node as a person recognises it: a message by its headline, any other step by its summary; undefined for no such node. */
  labelOf: (nodeId: string) => string | undefined;
  /** The summary of a node, with its step title for custom steps. */
  summaryOf: (node: Pick<NodeLike, 'type' | 'data'>) => string;
  /** Message nodes to choose from in engagement conditions, by headline. */
  messages: readonly { id: string; label: string }[];
}

type NodeLike = { id: string; type?: string; data: Record<string, unknown> };

export function journeyWords(nodes: readonly NodeLike[], catalog: StepCatalog): JourneyWords {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const trigger = nodes.find((node) => node.type === 'trigger');
  const triggerEvent = typeof trigger?.data.event === 'string' && trigger.data.event ? trigger.data.event : undefined;
  const messageLabel = (id: string) => {
    const node = byId.get(id);
    return node?.type === 'message' ? `“${messageHeadline(node.data)}”` : `a message that is no longer in the journey`;
  };
  const base: SummaryContext = { messageLabel, ...(triggerEvent ? { triggerEvent } : {}) };
  const summaryOf = (node: Pick<NodeLike, 'type' | 'data'>) => {
    const title = stepOf(catalog, node)?.title;
    return summarize(node.type ?? '', node.data, { ...base, ...(title ? { stepTitle: title } : {}) });
  };
  const labelOf = (id: string) => {
    const node = byId.get(id);
    if (!node) return undefined;
    return node.type === 'message' ? messageHeadline(node.data) : summaryOf(node);
  };
  const messages = nodes
    .filter((node) => node.type === 'message')
    .map((node) => ({ id: node.id, label: messageHeadline(node.data) }));
  return { ...base, labelOf, summaryOf, messages };
}

/** The words of the journey in a store, recomputed when a node's data changes (not when cards are dragged). */
export function useJourneyWords(store: JourneyStore, catalog: StepCatalog): JourneyWords {
  const data = useStore(
    store,
    useShallow((state) => state.nodes.map((node) => node.data)),
  );
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `data` is the trigger: recompute when a node's data changes, not on drags.
  return useMemo(() => journeyWords(store.getState().nodes, catalog), [store, catalog, data]);
}
