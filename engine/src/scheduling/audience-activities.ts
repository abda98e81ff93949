import { Context } from '@temporalio/activity';
import { dataConditionsOf, evaluateCondition, type JourneyIR } from '@waymark/workflows';
import type { AudienceActivities, AudiencePage, AudiencePageRequest, JourneyEvent } from '@waymark/workflows/temporal';
import pLimit from 'p-limit';
import { answerDataConditions } from '../conditions/data-conditions.js';
import { JourneyModel, JourneyVersionModel, ProfileModel } from '../models/index.js';
import { profileContext } from '../profiles/context.js';
import { Router } from '../routing/router.js';

/** Users of one page entered at once. */
const ENTER_CONCURRENCY = 8;

/** The audience workflow's activities: one page of profiles, filtered and entered through the router. */
export function createAudienceActivities(): AudienceActivities {
  return {
    async enterAudiencePage(request: AudiencePageRequest): Promise<AudiencePage> {
      const { journeyId, version, runKey } = request;
      // A journey paused or archived mid-run stops entering; its schedule is paused or gone by then.
      const journey = await JourneyModel.findById(journeyId, { status: 1 }).lean();
      if (journey?.status !== 'active') return { scanned: 0, matched: 0 };
      const stored = await JourneyVersionModel.findOne({ journeyId, version }, { ir: 1 }).lean();
      if (!stored) throw new Error(`journey ${journeyId} has no version ${version}`);
      const { trigger } = stored.ir as JourneyIR;
      // A schedule's optional audience, or a segment's condition (publish's "enter everyone who matches now").
      const audience =
        trigger.kind === 'schedule' ? trigger.audience : trigger.kind === 'segment' ? trigger.condition : undefined;

      const profiles = await ProfileModel.find(request.after === undefined ? {} : { userId: { $gt: request.after } })
        .sort({ userId: 1 })
        .limit(request.limit)
        .lean();
      const { client, info } = Context.current();
      // Entries start on the worker's own task queue, like the journeys it runs.
      const router = new Router({ client, taskQueue: info.taskQueue });
      const now = new Date();
      const limit = pLimit(ENTER_CONCURRENCY);
      const matched = await Promise.all(
        profiles.map((profile) =>
          limit(async () => {
            const event: JourneyEvent =
              trigger.kind === 'segment'
                ? {
                    name: 'segment',
                    properties: { enteredBy: runKey },
                    timestamp: now.toISOString(),
                    messageId: `segment:${runKey}:${profile.userId}`,
                  }
                : {
                    name: 'schedule',
                    properties: { scheduledAt: runKey },
                    timestamp: runKey,
                    messageId: `schedule:${runKey}:${profile.userId}`,
                  };
            if (audience) {
              const context = profileContext(profile, profile.userId);
              const entry = { workflowId: '', journeyId, version, userId: profile.userId };
              const answers = await answerDataConditions(entry, dataConditionsOf(audience), context, now);
              if (
                !evaluateCondition(
                  audience,
                  { profile: context, event, trigger: event, now: now.toISOString() },
                  answers,
                )
              )
                return false;
            }
            await router.enter(journeyId, version, profile.userId, event);
            return true;
          }),
        ),
      );
      const last = profiles.length === request.limit ? profiles[profiles.length - 1]!.userId : undefined;
      return {
        scanned: profiles.length,
        matched: matched.filter(Boolean).length,
        ...(last === undefined ? {} : { next: last }),
      };
    },
  };
}
