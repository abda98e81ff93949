import type { JourneyStats } from '@waymark/workflows/api';
import { reasonText } from '../words/messages';
import { messageFunnel } from './stats-overlay';

/** Messages that did not go out, with why: "skipped 3: no address or device for the channel (3)". */
function Unsent({ counts }: { counts: JourneyStats['messages'][string] | undefined }) {
  const reasons = Object.entries(counts?.reasons ?? {});
  const unsent = (['skipped', 'failed', 'deferred'] as const).filter((status) => (counts?.[status] ?? 0) > 0);
  if (unsent.length === 0) return null;
  return (
    <p className="node-stats__unsent">
      {unsent
        .map((status) => `${status === 'deferred' ? 'held for quiet hours' : status} ${counts![status]}`)
        .join(', ')}
      {reasons.length ? ` (${reasons.map(([reason, n]) => `${reasonText(reason)}: ${n}`).join('; ')})` : ''}
    </p>
  );
}

/** Counts of the published version on a node card: entered, waiting, left; a message's funnel with what was not sent and why; conversions per message and variant. */
export function NodeStats({
  nodeId,
  type,
  data,
  stats,
}: {
  nodeId: string;
  type: string;
  data: Record<string, unknown>;
  stats: JourneyStats;
}) {
  const counts = stats.nodes[nodeId] ?? { entered: 0, waiting: 0, exited: 0 };
  const funnel = messageFunnel(stats.messages[nodeId]);
  return (
    <div className="node-stats-box">
      <dl className="node-stats" aria-label="Step results">
        <div>
          <dt>reached</dt>
          <dd>{counts.entered}</dd>
        </div>
        <div>
          <dt>here now</dt>
          <dd>{counts.waiting}</dd>
        </div>
        {counts.exited ? (
          <div>
            <dt>left here</dt>
            <dd>{counts.exited}</dd>
          </div>
        ) : null}
        {type === 'message'
          ? [...Object.entries(funnel), ['converted', stats.conversions.byMessage[nodeId] ?? 0] as const].map(
              ([stage, count]) => (
                <div key={stage}>
                  <dt>{stage}</dt>
                  <dd>{count}</dd>
                </div>
              ),
            )
          : null}
        {type === 'split'
          ? ((data.variants ?? []) as { id: string; label?: string }[]).map(({ id, label }) => (
              <div key={id}>
                <dt>converted {label ?? id}</dt>
                <dd>{stats.conversions.byVariant[id] ?? 0}</dd>
              </div>
            ))
          : null}
      </dl>
      {type === 'message' ? <Unsent counts={stats.messages[nodeId]} /> : null}
    </div>
  );
}
