import { Context } from '@temporalio/activity';
import { LRUCache } from 'lru-cache';
import { holdsEntry, renderString, renderVars, type RequestKind, type RequestResults } from '@waymark/workflows';
import type {
  ActivityRequest,
  AudienceActivities,
  EntryConversion,
  EntryEnd,
  JourneyActivities,
  NodeMove,
  PerformResult,
  RecordedActivityRequest,
} from '@waymark/workflows/temporal';
import {
  EntryModel,
  JourneyModel,
  ProfileModel,
  TransitionModel,
  insertPlain,
  isDuplicateKey,
  onlyDuplicateKeys,
} from '../models/index.js';
import { loadProfileContext, profileContext } from '../profiles/context.js';
import { applyStepChange, journalBefore } from '../profiles/step-changes.js';
import { sendMessage, type SendDeps } from '../messaging/send.js';
import type { CustomSteps } from '../steps/registry.js';
import { answerDataConditions } from '../conditions/data-conditions.js';
import { chooseVariant } from '../experiments/choose-arm.js';
import { countConversion } from '../experiments/counters.js';
import { Router } from '../routing/router.js';
import { createAudienceActivities } from '../scheduling/audience-activities.js';
import { countExit } from '../metrics/counters.js';

export interface ActivityDeps extends SendDeps {
  steps: CustomSteps;
}

/** One handler per request kind: its payload in, its result out. */
type Handlers = { [K in RequestKind]: (request: ActivityRequest<K>) => Promise<RequestResults[K]> };

/** How long a send reuses a journey's name and status: a pause or resume reaches the sends within this. */
const JOURNEY_STATUS_TTL_MS = 1_000;

/** The engine's implementation of the journey and audience workflows' activities: all I/O lives here. */
export function createActivities(deps: ActivityDeps): JourneyActivities & AudienceActivities {
  // Read per journey at most once per TTL instead of once per message: campaigns send thousands at once.
  const journeys = new LRUCache<string, { name: string; status: string }>({
    max: 10_000,
    ttl: JOURNEY_STATUS_TTL_MS,
    fetchMethod: async (id) => (await JourneyModel.findById(id, { name: 1, status: 1 }).lean()) ?? undefined,
  });
  let router: Router | undefined;
  /**
   * A journey step changed the profile: segment journeys the user starts matching are entered as an
   * identify would enter them, keyed by the step's idempotency key (a retried activity enters nobody twice).
   */
  const afterProfileChange = async (
    { entry, nodeId, idempotencyKey }: ActivityRequest,
    before: Record<string, unknown>,
  ): Promise<Record<string, unknown>> => {
    const after = await loadProfileContext(entry.userId);
    const { client, info } = Context.current();
    router ??= new Router({ client, taskQueue: info.taskQueue });
    await router.profileChanged(entry.userId, before, after, {
      name: 'profile_updated',
      messageId: `profile:${idempotencyKey}`,
      timestamp: new Date().toISOString(),
      properties: { journeyId: entry.journeyId, nodeId },
    });
    return after;
  };
  const handlers: Handlers = {
    loadProfile: ({ entry }) => loadProfileContext(entry.userId),
    evaluate: async ({ entry, payload: { conditions, trigger, vars } }) =>
      answerDataConditions(entry, conditions, await loadProfileContext(entry.userId), new Date(), { trigger, vars }),
    async send({ entry, nodeId, idempotencyKey, payload }) {
      const journey = await journeys.fetch(entry.journeyId);
      // A paused journey holds its messages: failing retryably keeps the entry here until resume.
      if (journey?.status === 'paused') throw new Error(`journey ${entry.journeyId} is paused; message held`);
      const profile = await ProfileModel.findOne({ userId: entry.userId }).lean();
      const { attempt, isLocal } = Context.current().info;
      return sendMessage(deps, {
        entry,
        journey: { id: entry.journeyId, name: journey?.name ?? entry.journeyId, version: entry.version },
        nodeId,
        idempotencyKey,
        payload,
        profile: profileContext(profile, entry.userId),
        consent: profile?.consent ?? {},
        fresh: attempt === 1 && !payload.again,
        local: isLocal,
      });
    },
    async updateProfile(request) {
      const {
        entry,
        idempotencyKey,
        payload: { update, trigger, vars = {} },
      } = request;
      const profile = await journalBefore(idempotencyKey, entry.userId, await loadProfileContext(entry.userId));
      const context = { profile, event: trigger, trigger, vars };
      const set = Object.fromEntries(
        Object.entries(update.set ?? {}).map(([path, value]) => [
          `traits.${path}`,
          typeof value === 'string' ? renderString(value, context) : value,
        ]),
      );
      const unset = Object.fromEntries((update.unset ?? []).map((path) => [`traits.${path}`, ''] as const));
      const inc = Object.fromEntries(
        Object.entries(update.increment ?? {}).map(([path, by]) => [`traits.${path}`, by]),
      );
      await applyStepChange(entry.userId, idempotencyKey, { set, unset, inc });
      return afterProfileChange(request, profile);
    },
    async custom(request) {
      const {
        entry,
        idempotencyKey,
        payload: { step: type, config, trigger },
      } = request;
      const step = deps.steps.get(type);
      if (!step) throw new Error(`custom step "${type}" is not registered on this worker`);
      const profile = await loadProfileContext(entry.userId);
      const result = await step.run({
        userId: entry.userId,
        profile,
        event: trigger,
        config: step.config.parse(config),
        idempotencyKey,
      });
      if (!result.profileUpdates) return { output: result.output, profile: await loadProfileContext(entry.userId) };
      const before = await journalBefore(idempotencyKey, entry.userId, profile);
      await applyStepChange(entry.userId, idempotencyKey, {
        set: Object.fromEntries(Object.entries(result.profileUpdates).map(([k, v]) => [`traits.${k}`, v])),
        unset: {},
        inc: {},
      });
      return { output: result.output, profile: await afterProfileChange(request, before) };
    },
    chooseVariant: ({ entry, nodeId, payload }) => chooseVariant(entry, nodeId, payload.variants),
    renderVars: async ({ payload }) => renderVars(payload),
  };

  /**
   * A send the entry ends after (`ending`): its moves and the end are recorded after the send, in one
   * insert and one entry update, unless the answer holds the entry. A send that throws (a paused journey,
   * a retryable failure) records the moves first, so the canvas shows the entry at its message node meanwhile.
   */
  const sendThenEnd = async (
    request: ActivityRequest<'send'>,
    ending: NonNullable<ActivityRequest['ending']>,
  ): Promise<PerformResult<'send'>> => {
    const moves = request.moves ?? [];
    const result = await handlers.send(request).catch(async (error: unknown) => {
      await recordMoves(moves);
      throw error;
    });
    if (holdsEntry(result)) {
      await recordMoves(moves);
      return result;
    }
    await endEntry({ ...ending, entry: request.entry, moves: [...moves, ...(ending.moves ?? [])] });
    return { ...result, endRecorded: true };
  };

  return {
    ...createAudienceActivities(),
    async perform<K extends RequestKind>(recorded: ActivityRequest<K> | RecordedActivityRequest) {
      const request = withNodeId<K>(recorded);
      if (request.kind === 'send' && request.ending)
        return (await sendThenEnd(request as ActivityRequest<'send'>, request.ending)) as PerformResult<K>;
      if (request.moves) await recordMoves(request.moves);
      return (await handlers[request.kind](request)) as PerformResult<K>;
    },

    recordMoves,

    async recordConversion(conversion: EntryConversion): Promise<void> {
      // The running entry: an earlier entry of the same user (same workflow id) must not take the credit.
      const converted = await EntryModel.findOneAndUpdate(
        {
          workflowId: conversion.entry.workflowId,
          status: { $in: ['starting', 'active'] },
          convertedAt: { $exists: false },
        },
        {
          $set: {
            convertedAt: new Date(conversion.at),
            ...(conversion.messageNodeId ? { convertedBy: conversion.messageNodeId } : {}),
            ...(conversion.variant ? { variant: conversion.variant.variantId } : {}),
          },
        },
      ).lean();
      if (converted) await countConversion(converted);
    },

    endEntry,
  };
}

async function endEntry(end: EntryEnd): Promise<void> {
  const ended = { status: end.status, endReason: end.reason, endedAt: new Date(end.at) };
  const { modifiedCount } = await EntryModel.updateOne(
    { workflowId: end.entry.workflowId, status: { $in: ['starting', 'active'] } },
    end.moves?.length ? await storeMoves(end.moves, ended) : { $set: ended },
  );
  // A retried activity finds the entry ended already: counted by the attempt that ended it.
  if (modifiedCount > 0) countExit(end.status);
}

async function recordMoves(moves: NodeMove[]): Promise<void> {
  if (moves.length === 0) return;
  await EntryModel.updateOne(
    { workflowId: moves[0]!.entry.workflowId, status: { $in: ['starting', 'active'] } },
    await storeMoves(moves, { status: 'active' }),
  );
}

/**
 * Stores the moves as transitions (a retried activity's repeats collide on their keys and are fine) and
 * returns the entry's update: its current node, the split arms it took, and `fields`. One update of the
 * entry per activity: FerretDB applies concurrent updates of one document as whole-document overwrites.
 */
async function storeMoves(moves: NodeMove[], fields: Record<string, unknown>) {
  const docs = moves.map((move) => ({
    key: move.key,
    workflowId: move.entry.workflowId,
    journeyId: move.entry.journeyId,
    version: move.entry.version,
    userId: move.entry.userId,
    nodeId: move.nodeId,
    fromNodeId: move.fromNodeId,
    handle: move.handle,
    at: new Date(move.at),
  }));
  try {
    await insertPlain(TransitionModel, docs, { ordered: false });
  } catch (error) {
    if (!isDuplicateKey(error) && !onlyDuplicateKeys(error)) throw error;
  }
  const arms = moves
    .filter((move) => move.split && move.fromNodeId && move.handle)
    .map((move) => ({ node: move.fromNodeId!, arm: move.handle! }));
  return {
    $set: { ...fields, currentNode: moves[moves.length - 1]!.nodeId },
    ...(arms.length ? { $addToSet: { arms: { $each: arms } } } : {}),
  };
}

/** The request with its node: a request recorded before `nodeId` was passed names it first in its `requestId`. */
function withNodeId<K extends RequestKind>(request: ActivityRequest<K> | RecordedActivityRequest): ActivityRequest<K> {
  if ('nodeId' in request) return request;
  return { ...request, nodeId: request.requestId.split(':')[0]! } as ActivityRequest<K>;
}
