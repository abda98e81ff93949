import type { JourneyStats } from '../api/types';
import { messageFunnel } from './stats-overlay';

/** Counts of the published version on a node card: entered, waiting, exited; the funnel of a message; conversions per message and per split variant. */
export function NodeStats({ nodeId, type, data, stats }: { nodeId: string; type: string; data: Record<string, unknown>; stats: JourneyStats }) {
  const counts = stats.nodes[nodeId] ?? { entered: 0, waiting: 0, exited: 0 };
  const funnel = messageFunnel(stats.messages[nodeId]);
  return (
    <dl className="node-stats" aria-label="Step results">
      <div><dt>entered</dt><dd>{counts.entered}</dd></div>
      <div><dt>waiting</dt><dd>{counts.waiting}</dd></div>
      <div><dt>exited</dt><dd>{counts.exited}</dd></div>
      {type === 'message'
        ? [...Object.entries(funnel), ['converted', stats.conversions.byMessage[nodeId] ?? 0] as const].map(([stage, count]) => (
            <div key={stage}><dt>{stage}</dt><dd>{count}</dd></div>
          ))
        : null}
      {type === 'split'
        ? ((data.variants ?? []) as { id: string }[]).map(({ id }) => (
            <div key={id}><dt>converted {id}</dt><dd>{stats.conversions.byVariant[id] ?? 0}</dd></div>
          ))
        : null}
    </dl>
  );
}
