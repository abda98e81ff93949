import type { JourneyStats } from '@waymark/workflows';
import { EntryModel, MessageModel, TransitionModel, TransitionRollupModel } from '../models/index.js';

type Group<K> = { _id: K; n: number };
type Edge = { from: string; handle: string; to: string };

/** Adds up counts of equal keys across live aggregates and roll-ups. */
function sumGroups<K>(...lists: Group<K>[][]): Group<K>[] {
  const sums = new Map<string, Group<K>>();
  for (const group of lists.flat()) {
    const key = JSON.stringify(group._id);
    const sum = sums.get(key);
    if (sum) sum.n += group.n;
    else sums.set(key, { ...group });
  }
  return [...sums.values()];
}

/** Counts for the canvas overlay (docs/architecture.md#the-api); one published version or all of them. */
export async function journeyStats(journeyId: string, version?: number): Promise<JourneyStats> {
  const scope = { journeyId, ...(version ? { version } : {}) };
  const [liveEntered, liveEdges, rolledUp, waiting, ended, messages, reasons, variants, byMessage, entries] =
    await Promise.all([
      TransitionModel.aggregate<Group<string>>([{ $match: scope }, { $group: { _id: '$nodeId', n: { $sum: 1 } } }]),
      TransitionModel.aggregate<Group<Edge>>([
        { $match: { ...scope, fromNodeId: { $exists: true } } },
        { $group: { _id: { from: '$fromNodeId', handle: '$handle', to: '$nodeId' }, n: { $sum: 1 } } },
      ]),
      // Transitions past their retention, counted per day before they were deleted (retention/retention.ts).
      TransitionRollupModel.find(scope, { nodeId: 1, fromNodeId: 1, handle: 1, count: 1 }).lean(),
      EntryModel.aggregate<Group<string>>([
        { $match: { ...scope, status: 'active' } },
        { $group: { _id: '$currentNode', n: { $sum: 1 } } },
      ]),
      EntryModel.aggregate<Group<string>>([
        { $match: { ...scope, status: { $in: ['completed', 'exited'] } } },
        { $group: { _id: '$currentNode', n: { $sum: 1 } } },
      ]),
      MessageModel.aggregate<Group<{ node: string; status: string }>>([
        { $match: scope },
        { $group: { _id: { node: '$nodeId', status: '$status' }, n: { $sum: 1 } } },
      ]),
      MessageModel.aggregate<Group<{ node: string; reason: string }>>([
        { $match: { ...scope, reason: { $exists: true } } },
        { $group: { _id: { node: '$nodeId', reason: '$reason' }, n: { $sum: 1 } } },
      ]),
      EntryModel.aggregate<Group<string | null>>([
        { $match: { ...scope, convertedAt: { $exists: true } } },
        { $group: { _id: '$variant', n: { $sum: 1 } } },
      ]),
      EntryModel.aggregate<Group<string | null>>([
        { $match: { ...scope, convertedAt: { $exists: true } } },
        { $group: { _id: '$convertedBy', n: { $sum: 1 } } },
      ]),
      EntryModel.aggregate<Group<string>>([{ $match: scope }, { $group: { _id: '$status', n: { $sum: 1 } } }]),
    ]);

  const entered = sumGroups(
    liveEntered,
    rolledUp.map((r) => ({ _id: r.nodeId!, n: r.count })),
  );
  const edges = sumGroups(
    liveEdges,
    rolledUp
      .filter((r) => r.fromNodeId)
      .map((r) => ({ _id: { from: r.fromNodeId!, handle: r.handle!, to: r.nodeId! }, n: r.count })),
  );

  const nodes: JourneyStats['nodes'] = {};
  const node = (id: string) => (nodes[id] ??= { entered: 0, waiting: 0, exited: 0 });
  for (const g of entered) node(g._id).entered = g.n;
  for (const g of waiting) if (g._id) node(g._id).waiting = g.n;
  for (const g of ended) if (g._id) node(g._id).exited = g.n;

  const perMessage: JourneyStats['messages'] = {};
  const message = (id: string) => (perMessage[id] ??= { reasons: {} } as JourneyStats['messages'][string]);
  for (const g of messages) message(g._id.node)[g._id.status] = g.n;
  for (const g of reasons) message(g._id.node).reasons[g._id.reason] = g.n;

  const tally = (groups: Group<string | null>[]) =>
    Object.fromEntries(groups.filter((g) => g._id).map((g) => [g._id!, g.n]));
  const converted = variants.reduce((sum, g) => sum + g.n, 0);
  // Skipped entries were turned away by re-entry rules: they never entered.
  const byStatus = tally(entries);
  return {
    version: version ?? null,
    nodes,
    edges: edges.map((g) => ({ ...g._id, count: g.n })),
    messages: perMessage,
    conversions: { total: converted, byVariant: tally(variants), byMessage: tally(byMessage) },
    totals: {
      entered: Object.entries(byStatus).reduce((sum, [status, n]) => (status === 'skipped' ? sum : sum + n), 0),
      active: byStatus.active ?? 0,
      converted,
    },
  };
}
