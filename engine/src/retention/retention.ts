import { subtractDuration } from '@waymark/workflows';
import type { Config } from '../config.js';
import { logger } from '../logger.js';
import {
  EventModel,
  ProfileChangeModel,
  TransitionModel,
  TransitionRollupModel,
  onlyDuplicateKeys,
  withLock,
} from '../models/index.js';

/** How long raw data is kept (ISO durations). Journeys' history conditions see only retained events. */
export type RetentionPolicy = Config['retention'];

const DAY_MS = 86_400_000;
/** Journaled profile snapshots of journey steps: far longer than a step is retried. */
export const PROFILE_CHANGES_KEPT_DAYS = 30;
/** Days rolled up per run, so one run stays short however far behind it is. */
const DAYS_PER_RUN = 31;

type EdgeCount = {
  _id: { journeyId: string; version: number; nodeId: string; fromNodeId?: string; handle?: string };
  count: number;
};

/**
 * Keeps the store's growing collections bounded: deletes routed events older than their retention,
 * rolls transitions older than theirs up into per-day edge counts before deleting them, so stats stay
 * exact, and deletes journaled profile snapshots after PROFILE_CHANGES_KEPT_DAYS. One process at a
 * time (a store lock); safe to interrupt and repeat. docs/store.md, "Retention".
 */
export async function applyRetention(
  policy: RetentionPolicy,
  now = new Date(),
): Promise<{ events: number; transitions: number; profileChanges: number }> {
  return withLock(
    'retention',
    async () => {
      const eventsBefore = new Date(subtractDuration(now.toISOString(), policy.events));
      const events = (await EventModel.deleteMany({ routed: true, receivedAt: { $lt: eventsBefore } })).deletedCount;
      const transitions = await rollUpTransitions(new Date(subtractDuration(now.toISOString(), policy.transitions)));
      const changesBefore = new Date(now.getTime() - PROFILE_CHANGES_KEPT_DAYS * DAY_MS);
      const profileChanges = (await ProfileChangeModel.deleteMany({ at: { $lt: changesBefore } })).deletedCount;
      return { events, transitions, profileChanges };
    },
    { staleMs: 10 * 60_000, waitMs: 0 },
  );
}

/** Rolls up whole UTC days before `cutoff`, oldest first. A day's counts are written before any of its transitions is deleted. */
async function rollUpTransitions(cutoff: Date): Promise<number> {
  const lastDay = Math.floor(cutoff.getTime() / DAY_MS) * DAY_MS;
  const oldest = await TransitionModel.findOne({ at: { $lt: new Date(lastDay) } }, { at: 1 })
    .sort({ at: 1 })
    .lean();
  if (!oldest) return 0;
  let deleted = 0;
  const firstDay = Math.floor(oldest.at.getTime() / DAY_MS) * DAY_MS;
  for (let day = firstDay; day < lastDay && day < firstDay + DAYS_PER_RUN * DAY_MS; day += DAY_MS) {
    const range = { at: { $gte: new Date(day), $lt: new Date(day + DAY_MS) } };
    const label = new Date(day).toISOString().slice(0, 10);
    const marker = `${label}|complete`;
    // The marker says this day's counts are complete: a run interrupted while deleting must not count the rest again.
    if (!(await TransitionRollupModel.exists({ _id: marker }))) {
      const edges = await TransitionModel.aggregate<EdgeCount>([
        { $match: range },
        {
          $group: {
            _id: {
              journeyId: '$journeyId',
              version: '$version',
              nodeId: '$nodeId',
              fromNodeId: '$fromNodeId',
              handle: '$handle',
            },
            count: { $sum: 1 },
          },
        },
      ]);
      if (edges.length === 0) continue;
      const rollups = edges.map(({ _id, count }) => ({
        _id: [label, _id.journeyId, _id.version, _id.fromNodeId ?? '', _id.handle ?? '', _id.nodeId].join('|'),
        day: label,
        ..._id,
        count,
      }));
      await TransitionRollupModel.insertMany(rollups, { ordered: false }).catch((error: unknown) => {
        if (!onlyDuplicateKeys(error)) throw error;
      });
      await TransitionRollupModel.create({ _id: marker, day: label, count: 0 });
    }
    deleted += (await TransitionModel.deleteMany(range)).deletedCount;
  }
  return deleted;
}

/** Applies the retention now and then every `intervalMs` (an hour by default) in the background. */
export function startRetention(policy: RetentionPolicy, intervalMs = 3_600_000): { stop(): void } {
  const run = () =>
    void applyRetention(policy)
      .then((removed) =>
        removed.events || removed.transitions ? logger.info(removed, 'retention removed old data') : undefined,
      )
      .catch((error: unknown) => logger.warn({ err: error }, 'retention run failed; retried next interval'));
  const first = setTimeout(run, 60_000);
  const timer = setInterval(run, intervalMs);
  first.unref();
  timer.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
