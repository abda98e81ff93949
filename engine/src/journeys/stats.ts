import type { JourneyStats } from '@waymark/workflows/api';
import { EntryModel, MessageModel, TransitionModel, TransitionRollupModel } from '../models/index.js';

/** Adds `n` to the count under `key`. */
const add = (counts: Map<string, number>, key: string, n = 1) => counts.set(key, (counts.get(key) ?? 0) + n);

/**
 * Counts for the canvas overlay (docs/architecture.md#the-api); one published version or all of them.
 * One pass over each collection, counted here: the designer asks every few seconds while a campaign runs,
 * and the embedded store evaluates an aggregation by reading every document it matches, so ten group-bys
 * cost ten reads of the journey's entries, transitions and messages where three suffice.
 */
export async function journeyStats(journeyId: string, version?: number): Promise<JourneyStats> {
  const scope = { journeyId, ...(version ? { version } : {}) };
  const nodes: JourneyStats['nodes'] = {};
  const node = (id: string) => (nodes[id] ??= { entered: 0, waiting: 0, exited: 0 });
  const edges = new Map<string, number>();
  const edgeKey = (from: string, handle: string, to: string) => JSON.stringify([from, handle, to]);
  const countMoves = (moves: { nodeId: string; fromNodeId?: string | null; handle?: string | null }[], n = 1) => {
    for (const move of moves) {
      node(move.nodeId).entered += n;
      if (move.fromNodeId && move.handle) add(edges, edgeKey(move.fromNodeId, move.handle, move.nodeId), n);
    }
  };

  const [transitions, rolledUp, entries, messages] = await Promise.all([
    TransitionModel.find(scope, { _id: 0, nodeId: 1, fromNodeId: 1, handle: 1 }).lean(),
    // Transitions past their retention, counted per day before they were deleted (retention/retention.ts).
    TransitionRollupModel.find(scope, { nodeId: 1, fromNodeId: 1, handle: 1, count: 1 }).lean(),
    EntryModel.find(scope, { _id: 0, status: 1, currentNode: 1, convertedAt: 1, variant: 1, convertedBy: 1 }).lean(),
    MessageModel.find(scope, { _id: 0, nodeId: 1, status: 1, reason: 1 }).lean(),
  ]);
  countMoves(transitions);
  for (const rollup of rolledUp) countMoves([rollup as { nodeId: string }], rollup.count);

  const byStatus = new Map<string, number>();
  const byVariant = new Map<string, number>();
  const byMessage = new Map<string, number>();
  let converted = 0;
  for (const entry of entries) {
    add(byStatus, entry.status);
    if (entry.currentNode && entry.status === 'active') node(entry.currentNode).waiting++;
    if (entry.currentNode && (entry.status === 'completed' || entry.status === 'exited'))
      node(entry.currentNode).exited++;
    if (!entry.convertedAt) continue;
    converted++;
    if (entry.variant) add(byVariant, entry.variant);
    if (entry.convertedBy) add(byMessage, entry.convertedBy);
  }

  const perMessage: JourneyStats['messages'] = {};
  for (const message of messages) {
    if (!message.nodeId) continue;
    const counts = (perMessage[message.nodeId] ??= { reasons: {} } as JourneyStats['messages'][string]);
    counts[message.status] = (counts[message.status] ?? 0) + 1;
    if (message.reason) counts.reasons[message.reason] = (counts.reasons[message.reason] ?? 0) + 1;
  }

  return {
    version: version ?? null,
    nodes,
    edges: [...edges].map(([key, count]) => {
      const [from, handle, to] = JSON.parse(key) as [string, string, string];
      return { from, handle, to, count };
    }),
    messages: perMessage,
    conversions: {
      total: converted,
      byVariant: Object.fromEntries(byVariant),
      byMessage: Object.fromEntries(byMessage),
    },
    totals: {
      // Skipped entries were turned away by re-entry rules: they never entered.
      entered: entries.length - (byStatus.get('skipped') ?? 0),
      active: byStatus.get('active') ?? 0,
      converted,
    },
  };
}
