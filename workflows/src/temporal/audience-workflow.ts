import { continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** One run of a scheduled journey: enters the audience page by page, never holding it in memory. */
export interface AudienceInput {
  journeyId: string;
  version: number;
  /** The run's scheduled time (ISO); entries are keyed by it, so a repeated run enters nobody twice. Read from the schedule when absent. */
  runKey?: string;
  /** The last userId handled, when a run continues as new. */
  cursor?: string;
  totals?: AudienceTotals;
  /** Profiles per page (default 200) and pages per run before continuing as new (default 50). */
  pageSize?: number;
  pagesPerRun?: number;
}

export interface AudienceTotals {
  /** Profiles looked at. */
  scanned: number;
  /** Profiles that matched the audience condition and were handed to routing (re-entry rules may still keep them out). */
  matched: number;
}

export interface AudiencePageRequest {
  journeyId: string;
  version: number;
  runKey: string;
  /** Profiles with a userId after this one; from the start when absent. */
  after?: string;
  limit: number;
}

export interface AudiencePage extends AudienceTotals {
  /** The cursor of the next page; absent when the audience is exhausted or the journey stopped being active. */
  next?: string;
}

/** Implemented by the engine (engine/src/scheduling). */
export interface AudienceActivities {
  enterAudiencePage(request: AudiencePageRequest): Promise<AudiencePage>;
}

/** Set by Temporal on workflows a schedule starts: the nominal time of that action. */
const TemporalScheduledStartTime = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

const PAGE_SIZE = 200;
/** Continuing as new after this many pages keeps each history small whatever the audience size. */
const PAGES_PER_RUN = 50;

const { enterAudiencePage } = proxyActivities<AudienceActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export async function audience(input: AudienceInput): Promise<AudienceTotals> {
  const info = workflowInfo();
  const runKey =
    input.runKey ?? (info.typedSearchAttributes.get(TemporalScheduledStartTime) ?? info.startTime).toISOString();
  const totals = { ...(input.totals ?? { scanned: 0, matched: 0 }) };
  const { pageSize = PAGE_SIZE, pagesPerRun = PAGES_PER_RUN } = input;
  let cursor = input.cursor;
  for (let page = 0; ; page++) {
    if (page === pagesPerRun)
      await continueAsNew<typeof audience>({ ...input, runKey, ...(cursor ? { cursor } : {}), totals });
    const request: AudiencePageRequest = {
      journeyId: input.journeyId,
      version: input.version,
      runKey,
      limit: pageSize,
      ...(cursor ? { after: cursor } : {}),
    };
    const result = await enterAudiencePage.executeWithOptions(
      { startToCloseTimeout: '5 minutes', summary: `enter up to ${pageSize} profiles after ${cursor ?? 'the start'}` },
      [request],
    );
    totals.scanned += result.scanned;
    totals.matched += result.matched;
    if (!result.next) return totals;
    cursor = result.next;
  }
}
