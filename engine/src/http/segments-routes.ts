import { dataConditionsOf, evaluateCondition, segmentConditionProblems } from '@waymark/workflows';
import { estimateBody } from '@waymark/workflows/api';
import express, { Router } from 'express';
import pLimit from 'p-limit';
import { answerDataConditions } from '../activities/data-conditions.js';
import { ProfileModel } from '../models/index.js';
import { profileContext } from '../profiles/context.js';
import { ApiError } from './errors.js';
import { parseOr400 } from './validate.js';

/** Profiles evaluated per estimate: enough for a useful figure, bounded for large stores (every history condition is a query). */
const SAMPLE = 500;

/**
 * `POST /api/segments/estimate { condition }`: how many profiles match a segment condition, for the
 * designer. Exact up to {@link SAMPLE} profiles; beyond, the share matching in the first ones
 * (by userId) times the profile count.
 */
export function segmentRoutes(): Router {
  const router = Router();
  router.post('/segments/estimate', express.json({ limit: '256kb' }), async (req, res) => {
    const { condition: segment } = parseOr400(estimateBody, req.body);
    const problems = segmentConditionProblems(segment, 'condition');
    if (problems.length > 0)
      throw new ApiError(
        400,
        'invalid_request',
        `Invalid request body: ${problems[0]!.path}: ${problems[0]!.message}`,
        {
          issues: problems.map(({ path, message }) => ({ field: path, message })),
        },
      );
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
    res.json({
      matched,
      scanned,
      total: Math.max(total, scanned),
      exact,
      estimate: exact || scanned === 0 ? matched : Math.round((matched / scanned) * total),
    });
  });
  return router;
}
