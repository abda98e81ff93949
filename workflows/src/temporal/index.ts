// Temporal-specific pieces, kept out of the browser-safe main entry.
export * from './activities.js';
export * from './search-attributes.js';
export {
  DRIVER_REVISION,
  LOCAL_BOOKKEEPING,
  LOGICAL_TIME,
  TASK_QUEUE,
  eventSignal,
  exitSignal,
  stateQuery,
  type JourneyInput,
  type JourneyOutcome,
  type JourneyView,
} from './journey-workflow.js';
export type {
  AudienceActivities,
  AudienceInput,
  AudiencePage,
  AudiencePageRequest,
  AudienceTotals,
} from './audience-workflow.js';
