import type { JourneyStats, MessageStatus } from '@waymark/workflows/api';

/** The message funnel's stages: outbox statuses, each counting the later ones too. */
export type FunnelStage = Extract<MessageStatus, 'sent' | 'delivered' | 'opened' | 'clicked'>;

/**
 * The outbox keeps each message's latest status, so a clicked message is no longer counted as
 * delivered; the funnel adds every later stage to the earlier ones.
 */
export function messageFunnel(counts: Record<string, number> | undefined): Record<FunnelStage, number> {
  const n = (status: string) => counts?.[status] ?? 0;
  const clicked = n('clicked');
  const opened = n('opened') + n('read') + clicked;
  const delivered = n('delivered') + opened;
  return { sent: n('sent') + delivered, delivered, opened, clicked };
}

/** "12 · 40%": how many took an edge, and their share of everyone who left its source. */
export function edgeStatLabel(
  stats: JourneyStats,
  edge: { source: string; sourceHandle?: string | null; target: string },
): string | undefined {
  const handle = edge.sourceHandle ?? 'next';
  const taken =
    stats.edges.find((e) => e.from === edge.source && e.handle === handle && e.to === edge.target)?.count ?? 0;
  const leaving = stats.edges.filter((e) => e.from === edge.source).reduce((sum, e) => sum + e.count, 0);
  if (leaving === 0) return undefined;
  return `${taken} · ${Math.round((taken / leaving) * 100)}%`;
}
