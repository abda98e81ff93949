import { dataConditionsOf, evaluateCondition, type Condition } from '@waymark/workflows';
import pLimit from 'p-limit';
import type { SegmentEstimate } from '@waymark/workflows/api';
import { answerDataConditions } from '../conditions/data-conditions.js';
import { ProfileModel } from '../models/index.js';
import { profileContext } from '../profiles/context.js';

/** Profiles evaluated per estimate: enough for a useful figure, bounded for large stores (every history condition is a query). */
const SAMPLE = 500;

/**
 * How many profiles match a segment condition, for the designer. Exact up to {@link SAMPLE}
 * profiles; beyond, the share matching in the first ones (by userId) times the profile count.
 */
export async function estimateSegment(segment: Condition): Promise<SegmentEstimate> {
  const now = new Date();
  const [profiles, total] = await Promise.all([
    ProfileModel.find({}).sort({ userId: 1 }).limit(SAMPLE).lean(),
    ProfileModel.estimatedDocumentCount(),
  ]);
  const conditions = dataConditionsOf(segment);
  const limit = pLimit(8);
  const matches = await Promise.all(
    profiles.map((stored) =>
      limit(async () => {
        const profile = profileContext(stored, stored.userId);
        const answers = await answerDataConditions(
          { workflowId: '', journeyId: '', version: 0, userId: stored.userId },
          conditions,
          profile,
          now,
        );
        return evaluateCondition(segment, { profile, now: now.toISOString() }, answers);
      }),
    ),
  );
  const matched = matches.filter(Boolean).length;
  const scanned = profiles.length;
  const exact = scanned >= total;
  return {
    matched,
    scanned,
    total: Math.max(total, scanned),
    exact,
    estimate: exact || scanned === 0 ? matched : Math.round((matched / scanned) * total),
  };
}
