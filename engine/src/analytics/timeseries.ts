import type { AnalyticsBucket, AnalyticsPoint, JourneyAnalytics } from '@waymark/workflows/api';
import { EntryModel, MessageModel } from '../models/index.js';

/** Most buckets one request may ask for: the answer stays small whatever the range. */
export const MAX_BUCKETS = 1_000;
export const BUCKET_MS: Record<AnalyticsBucket, number> = { hour: 3_600_000, day: 86_400_000 };

export interface SeriesQuery {
  journeyId: string;
  version: number;
  from: Date;
  to: Date;
  bucket: AnalyticsBucket;
  /** Only this message node's sends, opens and clicks. */
  nodeId?: string;
  /** Only entries that took `arm` at split `split` (and their messages). */
  split?: string;
  arm?: string;
}

const SENT = new Set(['sent', 'delivered', 'opened', 'clicked', 'read']);

/**
 * Streams the version's entries and messages in the range through cursors (only the fields it
 * needs) into fixed buckets: memory grows with the number of buckets, not of rows. FerretDB has
 * no date operators in $group, so the bucketing happens here.
 */
export async function journeyAnalytics(query: SeriesQuery): Promise<JourneyAnalytics> {
  const { journeyId, version, from, to, bucket } = query;
  const size = BUCKET_MS[bucket];
  const start = Math.floor(from.getTime() / size) * size;
  const count = Math.ceil((to.getTime() - start + 1) / size);
  const points: AnalyticsPoint[] = Array.from({ length: count }, (_, i) => ({
    t: new Date(start + i * size).toISOString(),
    entries: 0,
    conversions: 0,
    opened: 0,
    clicked: 0,
    sends: {},
  }));
  const at = (date: Date | null | undefined) => {
    if (!date || date < from || date > to) return undefined;
    return points[Math.floor((date.getTime() - start) / size)];
  };
  const funnel = { entered: 0, sent: 0, opened: 0, clicked: 0, converted: 0 };

  const entries = { journeyId, version, status: { $ne: 'skipped' as const } };
  // FerretDB matches no array element by two of its fields, so the arm filter runs here.
  const inArm = (arms: { node: string; arm: string }[]) =>
    !query.split || arms.some((a) => a.node === query.split && a.arm === query.arm);
  const users = query.split ? new Set<string>() : undefined;
  for await (const entry of EntryModel.find(
    { ...entries, $or: [{ enteredAt: { $gte: from, $lte: to } }, { convertedAt: { $gte: from, $lte: to } }] },
    { enteredAt: 1, convertedAt: 1, arms: 1 },
  )
    .lean()
    .cursor()) {
    if (!inArm(entry.arms)) continue;
    const entered = at(entry.enteredAt);
    if (entered) {
      entered.entries++;
      funnel.entered++;
    }
    const converted = at(entry.convertedAt);
    if (converted) {
      converted.conversions++;
      funnel.converted++;
    }
  }
  // An arm is sticky per user, so its messages are those of its users (entered before the range too).
  if (users)
    for await (const entry of EntryModel.find(entries, { userId: 1, arms: 1 }).lean().cursor())
      if (inArm(entry.arms)) users.add(entry.userId);

  const messages = {
    journeyId,
    version,
    test: { $ne: true },
    createdAt: { $lte: to },
    updatedAt: { $gte: from },
    ...(query.nodeId ? { nodeId: query.nodeId } : {}),
  };
  for await (const message of MessageModel.find(messages, {
    userId: 1,
    channel: 1,
    status: 1,
    createdAt: 1,
    history: 1,
  })
    .lean()
    .cursor()) {
    if (users && !users.has(message.userId)) continue;
    const created = at(message.createdAt);
    if (created) {
      const channel = (created.sends[message.channel] ??= {});
      channel[message.status] = (channel[message.status] ?? 0) + 1;
      if (SENT.has(message.status)) funnel.sent++;
    }
    // The first open and the first click count: the history keeps every repeat.
    for (const status of ['opened', 'clicked'] as const) {
      const point = at(message.history.find((change) => change.status === status)?.at);
      if (!point) continue;
      point[status]++;
      funnel[status]++;
    }
  }
  return {
    version,
    bucket,
    from: from.toISOString(),
    to: to.toISOString(),
    points,
    funnel: (['entered', 'sent', 'opened', 'clicked', 'converted'] as const).map((step) => ({
      step,
      count: funnel[step],
    })),
  };
}
