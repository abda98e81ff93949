import type { Client } from '@temporalio/client';
import { simulate, type JourneyIR } from '@waymark/workflows';
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
import { EntryModel, JourneyModel, JourneyVersionModel } from '../models/index.js';
import type { Router as EventRouter } from '../routing/router.js';
import { enterSegmentAudience } from '../scheduling/segment-audience.js';
import { JourneySchedules } from '../scheduling/schedules.js';
import type { CustomSteps } from '../steps/registry.js';
import { journeyStats } from './stats.js';
import { changeStatus, compileDraft, findJourney, newJourneyId, publish } from './service.js';

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

  router.get('/journeys', noQuery, async (_req, res) => {
    const journeys = await JourneyModel.find({}, { draft: 0 }).sort({ updatedAt: -1 }).lean();
    // Two plain $group passes: FerretDB (the embedded store) implements no $cond inside $group.
    const countBy = async (match: Record<string, unknown>) =>
      new Map(
        (
          await EntryModel.aggregate<{ _id: string; n: number }>([
            { $match: match },
            { $group: { _id: '$journeyId', n: { $sum: 1 } } },
          ])
        ).map((c) => [c._id, c.n]),
      );
    const [entered, converted] = await Promise.all([
      countBy({ status: { $ne: 'skipped' } }),
      countBy({ convertedAt: { $exists: true } }),
    ]);
    res.json({
      journeys: journeys.map((j) => ({
        id: j._id,
        name: j.name,
        status: j.status,
        version: j.version ?? null,
        updatedAt: j.updatedAt,
        entered: entered.get(j._id) ?? 0,
        converted: converted.get(j._id) ?? 0,
      })),
    });
  });

  router.post('/journeys', noQuery, async (req, res) => {
    const draft = parseOr400(createDraftBody, req.body);
    const id = newJourneyId(draft.name);
    await JourneyModel.create({ _id: id, name: draft.name, draft, revision: 1, status: 'draft' });
    res.status(201).json({ id, name: draft.name, status: 'draft', revision: 1 });
  });

  router.post('/journeys/validate', noQuery, (req, res) => {
    const result = compileDraft(req.body as DraftDocument, steps);
    res.json({ ok: result.ok, errors: result.errors, warnings: result.warnings });
  });

  router.get('/journeys/:id', noQuery, async (req, res) => {
    const journey = await findJourney(req.params.id);
    const versions = await JourneyVersionModel.find({ journeyId: journey._id }, { version: 1, publishedAt: 1 })
      .sort({ version: -1 })
      .lean();
    res.json({
      id: journey._id,
      name: journey.name,
      status: journey.status,
      version: journey.version ?? null,
      revision: journey.revision,
      draft: journey.draft,
      updatedAt: journey.updatedAt,
      versions: versions.map((v) => ({ version: v.version, publishedAt: v.publishedAt })),
    });
  });

  router.get('/journeys/:id/versions/:version', noQuery, async (req, res) => {
    const version = parseOr400(positiveIntParam, req.params.version, 'version (path)');
    const stored = await JourneyVersionModel.findOne({ journeyId: req.params.id, version }).lean();
    if (!stored) throw new ApiError(404, 'not_found', `Journey "${req.params.id}" has no version ${version}.`);
    res.json({ version: stored.version, publishedAt: stored.publishedAt, document: stored.document, ir: stored.ir });
  });

  router.get('/journeys/:id/stats', async (req, res) => {
    const { version } = parseQuery(statsQuery, req.query);
    const journey = await findJourney(req.params.id);
    res.json(await journeyStats(journey._id, version));
  });

  router.put('/journeys/:id', noQuery, async (req, res) => {
    const { revision, ...draft } = parseOr400(updateDraftBody, req.body);
    const journey = await findJourney(req.params.id);
    if (journey.status === 'archived')
      throw new ApiError(409, 'archived', `Journey "${journey._id}" is archived and read-only.`);
    // Compare-and-set on the revision: a save based on a stale copy (another tab) is refused, not merged.
    const saved = await JourneyModel.findOneAndUpdate(
      { _id: journey._id, revision },
      { $set: { draft, name: draft.name }, $inc: { revision: 1 } },
      { returnDocument: 'after' },
    ).lean();
    if (!saved)
      throw new ApiError(
        409,
        'conflict',
        `The journey was saved elsewhere (revision ${journey.revision}, you edited ${revision}); reload it before saving.`,
        { currentRevision: journey.revision },
      );
    res.json({ id: saved._id, revision: saved.revision, status: saved.status });
  });

  router.delete('/journeys/:id', noQuery, async (req, res) => {
    const journey = await findJourney(req.params.id);
    if (journey.version)
      throw new ApiError(
        409,
        'published',
        `Journey "${journey._id}" has published versions and entries; archive it instead.`,
      );
    await JourneyModel.deleteOne({ _id: journey._id });
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
    let source: JourneyIR | DraftDocument = journey.draft as DraftDocument;
    if (body.version) {
      const stored = await JourneyVersionModel.findOne(
        { journeyId: journey._id, version: body.version },
        { ir: 1 },
      ).lean();
      if (!stored) throw new ApiError(404, 'not_found', `Journey "${journey._id}" has no version ${body.version}.`);
      source = stored.ir as JourneyIR;
    }
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
    const version = await JourneyVersionModel.findOne(
      { journeyId: journey._id, version: journey.version },
      { ir: 1 },
    ).lean();
    if ((version?.ir as JourneyIR).trigger.kind !== 'api')
      throw new ApiError(
        409,
        'not_api_triggered',
        `Journey "${journey._id}" is not triggered by the API (its trigger is ${(version?.ir as JourneyIR).trigger.kind}).`,
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
