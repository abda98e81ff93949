import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Custom search attributes ops use in the Temporal UI (docs/architecture.md#running-on-temporal); the engine registers them at start-up. */
export const WaymarkJourneyId = defineSearchAttributeKey('WaymarkJourneyId', SearchAttributeType.KEYWORD);
export const WaymarkJourneyVersion = defineSearchAttributeKey('WaymarkJourneyVersion', SearchAttributeType.INT);
export const WaymarkUserId = defineSearchAttributeKey('WaymarkUserId', SearchAttributeType.KEYWORD);
export const WaymarkNode = defineSearchAttributeKey('WaymarkNode', SearchAttributeType.KEYWORD);

export const waymarkSearchAttributes = [WaymarkJourneyId, WaymarkJourneyVersion, WaymarkUserId, WaymarkNode];
