import type { Client } from '@temporalio/client';
import type { JourneyIR } from '@waymark/workflows';
import express, { Router } from 'express';
import { analyticsQuery, experimentsQuery, winnerBody, type AnalyticsBucket } from '@waymark/workflows/api';
import { BUCKET_MS, journeyAnalytics, MAX_BUCKETS } from '../analytics/timeseries.js';
import { ApiError } from '../http/errors.js';
import { noQuery, parseOr400, parseQuery } from '../http/validate.js';
import { findJourney, findVersion, publish } from '../journeys/service.js';
import type { Router as EventRouter } from '../routing/router.js';
import { JourneySchedules } from '../scheduling/schedules.js';
import type { CustomSteps } from '../steps/registry.js';
import { applyWinnerToDraft } from './declare-winner.js';
import { experimentsReport } from './report.js';

/** Without `from`: since the version was published, at most this far back. */
const DEFAULT_RANGE_MS = 90 * 86_400_000;

export interface ExperimentRoutesOptions {
  steps: CustomSteps;
  router: EventRouter;
  temporal: Client;
  taskQueue: string;
}

/** Experiment reports, declaring a winner, and the analytics time series. Mounted under /api behind the admin token. */
export function experimentRoutes({ steps, router: events, temporal, taskQueue }: ExperimentRoutesOptions): Router {
  const schedules = new JourneySchedules(temporal, taskQueue);
  const router = Router();
  router.use(express.json({ limit: '16kb' }));

  router.get('/journeys/:id/experiments', async (req, res) => {
    const { version } = parseQuery(experimentsQuery, req.query);
    const { ir } = await publishedVersion(req.params.id, version);
    res.json(await experimentsReport(req.params.id, ir.journey.version, ir));
  });

  router.post('/journeys/:id/experiments/:nodeId/winner', noQuery, async (req, res) => {
    const { arm } = parseOr400(winnerBody, req.body);
    const { revision } = await applyWinnerToDraft(req.params.id, req.params.nodeId, arm);
    const published = await publish(req.params.id, steps);
    events.journeysChanged();
    await schedules.published(published.ir, published.status);
    res.json({ version: published.version, revision, nodeId: req.params.nodeId, arm });
  });

  router.get('/journeys/:id/analytics', async (req, res) => {
    const query = parseQuery(analyticsQuery, req.query);
    if (Boolean(query.split) !== Boolean(query.arm))
      throw new ApiError(400, 'invalid_request', 'Invalid query: arm: name both split and arm to filter by arm');
    const { ir, publishedAt } = await publishedVersion(req.params.id, query.version);
    const to = query.to ? new Date(query.to) : new Date();
    const from = query.from
      ? new Date(query.from)
      : new Date(Math.max(publishedAt.getTime(), to.getTime() - DEFAULT_RANGE_MS));
    if (from > to) throw new ApiError(400, 'invalid_request', 'Invalid query: from: must be before to');
    const bucket: AnalyticsBucket = query.bucket ?? (to.getTime() - from.getTime() <= 3 * 86_400_000 ? 'hour' : 'day');
    const buckets = Math.ceil((to.getTime() - from.getTime()) / BUCKET_MS[bucket]);
    if (buckets > MAX_BUCKETS)
      throw new ApiError(
        400,
        'invalid_request',
        `Invalid query: bucket: ${buckets} ${bucket}s is more than ${MAX_BUCKETS}; use a larger bucket or a shorter range`,
      );
    res.json(
      await journeyAnalytics({
        journeyId: req.params.id,
        version: ir.journey.version,
        from,
        to,
        bucket,
        ...(query.nodeId ? { nodeId: query.nodeId } : {}),
        ...(query.split && query.arm ? { split: query.split, arm: query.arm } : {}),
      }),
    );
  });

  return router;
}

/** The requested version, else the latest published one. */
async function publishedVersion(
  journeyId: string,
  version: number | undefined,
): Promise<{ ir: JourneyIR; publishedAt: Date }> {
  const journey = await findJourney(journeyId);
  const wanted = version ?? journey.version;
  if (!wanted)
    throw new ApiError(
      409,
      'not_published',
      `Journey "${journeyId}" has no published version yet: publish it to run experiments.`,
    );
  return findVersion(journeyId, wanted);
}
