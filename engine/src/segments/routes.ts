import { segmentConditionProblems } from '@waymark/workflows';
import { estimateBody } from '@waymark/workflows/api';
import express, { Router } from 'express';
import { ApiError } from '../http/errors.js';
import { parseOr400 } from '../http/validate.js';
import { estimateSegment } from './estimate.js';

/** `POST /api/segments/estimate { condition }`: how many profiles match a segment condition (designer audience size). */
export function segmentRoutes(): Router {
  const router = Router();
  router.post('/segments/estimate', express.json({ limit: '256kb' }), async (req, res) => {
    const { condition } = parseOr400(estimateBody, req.body);
    // What the compiler refuses in a segment trigger's condition is refused here too, naming the field.
    const problems = segmentConditionProblems(condition, 'condition');
    if (problems.length > 0)
      throw new ApiError(
        400,
        'invalid_request',
        `Invalid request body: ${problems[0]!.path}: ${problems[0]!.message}`,
        {
          issues: problems.map(({ path, message }) => ({ field: path, message })),
        },
      );
    res.json(await estimateSegment(condition));
  });
  return router;
}
