import type { Client } from '@temporalio/client';
import { simulate } from '@waymark/workflows';
import {
  createDraftBody,
  positiveIntParam,
  publishBody,
  simulateBody,
  statsQuery,
  triggerBody,
  updateDraftBody,
  type DraftDocument,
} from '@waymark/workflows/api';
import express, { Router } from 'express';
import { randomUUID } from 'node:crypto';
import { ApiError } from '../http/errors.js';
import { noQuery, parseOr400, parseQuery } from '../http/validate.js';
import type { Router as EventRouter } from '../routing/router.js';
import { enterSegmentAudience } from '../scheduling/segment-audience.js';
import { JourneySchedules } from '../scheduling/schedules.js';
import type { CustomSteps } from '../steps/registry.js';
import { journeyStats } from './stats.js';
import {
  changeStatus,
  compileDraft,
  createDraft,
  deleteDraft,
  findJourney,
  findVersion,
  journeyDetail,
  listJourneys,
  publish,
  saveDraft,
} from './service.js';

export interface JourneyRoutesOptions {
  steps: CustomSteps;
  router: EventRouter;
  /** For the Temporal Schedules of schedule-triggered journeys, kept in step with publish and status changes. */
  temporal: Client;
  /** The task queue scheduled runs start on. */
  taskQueue: string;
}

/** Management API for journeys (docs/architecture.md#the-api). Mounted under /api behind the admin token. */
export function journeyRoutes({ steps, router: events, temporal, taskQueue }: JourneyRoutesOptions): Router {
  const schedules = new JourneySchedules(temporal, taskQueue);
  const router = Router();
  router.use(express.json({ limit: '2mb' }));

  router.get('/journeys', noQuery, async (_req, res) => void res.json({ journeys: await listJourneys() }));

  router.post('/journeys', noQuery, async (req, res) => {
    res.status(201).json(await createDraft(parseOr400(createDraftBody, req.body)));
  });

  router.post('/journeys/validate', noQuery, (req, res) => {
    const result = compileDraft(req.body as DraftDocument, steps);
    res.json({ ok: result.ok, errors: result.errors, warnings: result.warnings });
  });

  router.get('/journeys/:id', noQuery, async (req, res) => void res.json(await journeyDetail(req.params.id)));

  router.get('/journeys/:id/versions/:version', noQuery, async (req, res) => {
    const version = parseOr400(positiveIntParam, req.params.version, 'version (path)');
    const { document, ir, publishedAt } = await findVersion(req.params.id, version);
    res.json({ version, publishedAt, document, ir });
  });

  router.get('/journeys/:id/stats', async (req, res) => {
    const { version } = parseQuery(statsQuery, req.query);
    const journey = await findJourney(req.params.id);
    res.json(await journeyStats(journey._id, version));
  });

  router.put('/journeys/:id', noQuery, async (req, res) => {
    const { revision, ...draft } = parseOr400(updateDraftBody, req.body);
    res.json(await saveDraft(req.params.id, revision, draft));
  });

  router.delete('/journeys/:id', noQuery, async (req, res) => {
    await deleteDraft(req.params.id);
    res.status(204).end();
  });

  router.post('/journeys/:id/publish', noQuery, async (req, res) => {
    const { enterMatching } = parseOr400(publishBody, req.body ?? {});
    const draft = enterMatching ? ((await findJourney(req.params.id)).draft as DraftDocument) : undefined;
    const trigger = draft?.graph.nodes.find((node) => node.type === 'trigger')?.data as { kind?: unknown } | undefined;
    if (draft && trigger?.kind !== 'segment') {
      throw new ApiError(
        422,
        'not_a_segment_journey',
        'enterMatching enters everyone who matches the segment now: only segment-triggered journeys have one.',
        { field: 'enterMatching' },
      );
    }
    const { version, ir, status, warnings } = await publish(req.params.id, steps);
    events.journeysChanged();
    await schedules.published(ir, status);
    const audience = enterMatching ? await enterSegmentAudience(temporal, taskQueue, ir) : undefined;
    res.json({ version, warnings, ...(audience ? { audienceWorkflowId: audience } : {}) });
  });

  for (const action of ['pause', 'resume', 'archive'] as const) {
    router.post(`/journeys/:id/${action}`, noQuery, async (req, res) => {
      const status = await changeStatus(req.params.id, action);
      events.journeysChanged();
      await schedules.statusChanged(req.params.id, status);
      res.json({ status });
    });
  }

  router.post('/journeys/:id/simulate', noQuery, async (req, res) => {
    const body = parseOr400(simulateBody, req.body);
    const journey = await findJourney(req.params.id);
    const source = body.version ? (await findVersion(journey._id, body.version)).ir : (journey.draft as DraftDocument);
    const trigger = body.trigger ?? {
      name: 'simulated',
      properties: {},
      timestamp: body.start ?? new Date().toISOString(),
    };
    res.json(
      simulate(source, {
        steps,
        profile: body.profile,
        trigger,
        events: body.events,
        ...(body.start ? { start: body.start } : {}),
        ...(body.answers ? { answers: body.answers } : {}),
      }),
    );
  });

  router.post('/journeys/:id/trigger', noQuery, async (req, res) => {
    const body = parseOr400(triggerBody, req.body);
    const journey = await findJourney(req.params.id);
    if (journey.status !== 'active' || !journey.version)
      throw new ApiError(
        409,
        'not_active',
        `Journey "${journey._id}" is ${journey.status}; publish or resume it first.`,
      );
    const { ir } = await findVersion(journey._id, journey.version);
    if (ir.trigger.kind !== 'api')
      throw new ApiError(
        409,
        'not_api_triggered',
        `Journey "${journey._id}" is not triggered by the API (its trigger is ${ir.trigger.kind}).`,
      );
    const trigger = {
      name: 'api_trigger',
      properties: body.data,
      timestamp: new Date().toISOString(),
      messageId: body.messageId ?? randomUUID(),
    };
    const workflowId = await events.enter(journey._id, journey.version, body.userId, trigger);
    if (!workflowId)
      throw new ApiError(
        409,
        'not_entered',
        `User "${body.userId}" was not entered: re-entry rules or cooldown of journey "${journey._id}" keep them out.`,
      );
    res.status(202).json({ workflowId });
  });

  return router;
}
