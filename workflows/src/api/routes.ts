import { z } from 'zod';
import { analyticsQuery, experimentsQuery, journeyAnalytics } from './analytics.js';
import { experimentsReport, winnerBody, winnerResult } from './experiments.js';
import { deviceCall, deviceResult, ingestResult } from './ingest.js';
import { aliasCall, batchCall, groupCall, identifyCall, pageCall, trackCall } from './ingest.js';
import {
  createDraftBody,
  draftSaved,
  journeyCreated,
  journeyDetail,
  journeyList,
  journeyVersion,
  publishBody,
  publishResult,
  statusResult,
  triggerBody,
  triggerResult,
  updateDraftBody,
  validationResult,
} from './journeys.js';
import { eventNames, eventNamesQuery, estimateBody, fieldsQuery, seenFields, segmentEstimate } from './data.js';
import { messagesQuery, outbox } from './messages.js';
import { profileView } from './profiles.js';
import { sessionInfo } from './session.js';
import { settingsUpdate, workspaceSettings } from './settings.js';
import { simulateBody, simulationResult } from './simulate.js';
import { journeyStats, statsQuery } from './stats.js';
import { stepsList } from './steps.js';
import { testSendBody, testSendResult } from './test-send.js';

/** Who may call a route: the write key (ingestion), the admin token (management), or anyone. */
export type RouteSecurity = 'writeKey' | 'adminToken' | 'none';

/**
 * One route of the engine's HTTP API: its request schemas (validated by the engine) and its answer
 * (what the designer's client is typed with). The OpenAPI document at `/api/openapi.json` is
 * generated from this table.
 */
export interface Route {
  method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI style: `/api/journeys/{id}`. */
  path: string;
  summary: string;
  security: RouteSecurity;
  /** Path parameters other than plain strings (a version number). */
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The success status and its body (none for 204). */
  status: number;
  response?: z.ZodType;
  /** A body that is not JSON (`text/xml`). */
  responseType?: string;
}

const versionParams = z.object({ id: z.string(), version: z.coerce.number().int().positive() });

const ingest = <B extends z.ZodType>(path: string, summary: string, body: B) => ({
  method: 'post' as const,
  path,
  summary,
  security: 'writeKey' as const,
  body,
  status: 200,
  response: ingestResult,
});
/** A management route: behind the admin token, 200 unless it says otherwise. */
const admin = <R extends Omit<Route, 'security' | 'status'> & { status?: number }>(route: R) => ({
  status: 200,
  ...route,
  security: 'adminToken' as const,
});

export const apiRoutes = {
  identify: ingest(
    '/v1/identify',
    'Identify a user (Segment spec): merge traits into the profile; with an anonymousId, link it to the user',
    identifyCall,
  ),
  track: ingest('/v1/track', 'Track an event (Segment spec); dedupes by messageId', trackCall),
  page: ingest('/v1/page', 'A page view, stored as the event "page" (name and category in its properties)', pageCall),
  screen: ingest('/v1/screen', 'A screen view, stored as the event "screen"', pageCall),
  group: ingest('/v1/group', 'Group membership, stored as the event "group" (groupId and traits)', groupCall),
  alias: ingest('/v1/alias', 'Link previousId to userId (identity merge), stored as the event "alias"', aliasCall),
  batch: ingest(
    '/v1/batch',
    'Up to 500 calls of any type; bad calls are listed in `rejected` by index, the others stored',
    batchCall,
  ),
  devices: {
    method: 'post',
    path: '/v1/devices',
    summary: 'Register a push token (fcm, apns, webpush) on the profile',
    security: 'writeKey',
    body: deviceCall,
    status: 200,
    response: deviceResult,
  },
  twilio: {
    method: 'post',
    path: '/webhooks/twilio',
    summary: 'Twilio status callbacks and inbound SMS/WhatsApp (X-Twilio-Signature verified)',
    security: 'none',
    status: 200,
    responseType: 'text/xml',
  },
  session: {
    method: 'get',
    path: '/api/session',
    summary: 'In dev mode, to this machine only, the generated admin token; where the Temporal UI runs',
    security: 'none',
    status: 200,
    response: sessionInfo,
  },
  listJourneys: admin({
    method: 'get',
    path: '/api/journeys',
    summary: 'List journeys with status, version and entered/converted counts',
    response: journeyList,
  }),
  createJourney: admin({
    method: 'post',
    path: '/api/journeys',
    summary: 'Create a draft journey',
    body: createDraftBody,
    status: 201,
    response: journeyCreated,
  }),
  validateJourney: admin({
    method: 'post',
    path: '/api/journeys/validate',
    summary: 'Compile a journey document and return errors and warnings',
    body: createDraftBody,
    response: validationResult,
  }),
  getJourney: admin({
    method: 'get',
    path: '/api/journeys/{id}',
    summary: 'A journey with its draft and published versions',
    response: journeyDetail,
  }),
  saveJourney: admin({
    method: 'put',
    path: '/api/journeys/{id}',
    summary: 'Save the draft (409 when the revision is stale)',
    body: updateDraftBody,
    response: draftSaved,
  }),
  deleteJourney: admin({
    method: 'delete',
    path: '/api/journeys/{id}',
    summary: 'Delete a never-published draft',
    status: 204,
  }),
  getVersion: admin({
    method: 'get',
    path: '/api/journeys/{id}/versions/{version}',
    summary: 'A published version, read-only',
    params: versionParams,
    response: journeyVersion,
  }),
  publish: admin({
    method: 'post',
    path: '/api/journeys/{id}/publish',
    summary: 'Compile the draft and store it as the next version',
    body: publishBody.optional(),
    response: publishResult,
  }),
  pause: admin({
    method: 'post',
    path: '/api/journeys/{id}/pause',
    summary: 'Stop new entries and hold messages',
    response: statusResult,
  }),
  resume: admin({
    method: 'post',
    path: '/api/journeys/{id}/resume',
    summary: 'Resume a paused journey',
    response: statusResult,
  }),
  archive: admin({
    method: 'post',
    path: '/api/journeys/{id}/archive',
    summary: 'Archive a journey (read-only)',
    response: statusResult,
  }),
  simulate: admin({
    method: 'post',
    path: '/api/journeys/{id}/simulate',
    summary: 'Run the draft (or a version) for a test profile on a virtual clock',
    body: simulateBody,
    response: simulationResult,
  }),
  trigger: admin({
    method: 'post',
    path: '/api/journeys/{id}/trigger',
    summary: 'Enter a user into an API-triggered journey',
    body: triggerBody,
    status: 202,
    response: triggerResult,
  }),
  testSend: admin({
    method: 'post',
    path: '/api/journeys/{id}/test-send',
    summary: 'Send one message node (as edited) to a profile through the real send path, as a test',
    body: testSendBody,
    response: testSendResult,
  }),
  stats: admin({
    method: 'get',
    path: '/api/journeys/{id}/stats',
    summary: 'Counts per node, edge, message node and conversions',
    query: statsQuery,
    response: journeyStats,
  }),
  experiments: admin({
    method: 'get',
    path: '/api/journeys/{id}/experiments',
    summary: 'Split arms and holdout of a version: rates, 95% intervals, P(best), winner, uplift',
    query: experimentsQuery,
    response: experimentsReport,
  }),
  declareWinner: admin({
    method: 'post',
    path: '/api/journeys/{id}/experiments/{nodeId}/winner',
    summary: "Declare a split's winning arm: the draft's split sends everyone there, and it is published",
    body: winnerBody,
    response: winnerResult,
  }),
  analytics: admin({
    method: 'get',
    path: '/api/journeys/{id}/analytics',
    summary: 'Time series (entries, sends by channel and status, opens, clicks, conversions) and funnel',
    query: analyticsQuery,
    response: journeyAnalytics,
  }),
  profile: admin({
    method: 'get',
    path: '/api/profiles/{userId}',
    summary: 'Traits, recent events, active entries (live from Temporal) and messages',
    response: profileView,
  }),
  estimateSegment: admin({
    method: 'post',
    path: '/api/segments/estimate',
    summary: 'How many profiles match a segment condition (exact up to 500 profiles, else estimated from them)',
    body: estimateBody,
    response: segmentEstimate,
  }),
  messages: admin({
    method: 'get',
    path: '/api/messages',
    summary:
      'The outbox, filtered by userId, journeyId, status or channel, with the count of messages whose delivery is unknown',
    query: messagesQuery,
    response: outbox,
  }),
  getSettings: admin({
    method: 'get',
    path: '/api/settings',
    summary: 'Contact policy and providers per channel (secrets redacted)',
    response: workspaceSettings,
  }),
  saveSettings: admin({
    method: 'put',
    path: '/api/settings',
    summary:
      'Merge into the settings: a channel left out keeps its provider, null removes it; redacted secrets keep their stored value',
    body: settingsUpdate,
    response: workspaceSettings,
  }),
  eventNames: admin({
    method: 'get',
    path: '/api/events/names',
    summary: 'Event names tracked in the last 30 days, most recent first',
    query: eventNamesQuery,
    response: eventNames,
  }),
  fields: admin({
    method: 'get',
    path: '/api/fields',
    summary: 'Profile fields and event properties seen on the newest 200 profiles and events, for personalisation',
    query: fieldsQuery,
    response: seenFields,
  }),
  steps: admin({
    method: 'get',
    path: '/api/steps',
    summary: 'Every node type and custom step with its JSON Schema',
    response: stepsList,
  }),
} satisfies Record<string, Route>;

export type ApiRoutes = typeof apiRoutes;
/** The body a route answers with, as the designer reads it. */
export type ResponseOf<K extends keyof ApiRoutes> = ApiRoutes[K] extends { response: z.ZodType }
  ? z.output<ApiRoutes[K]['response']>
  : void;
/** The body a route takes, as a client writes it (defaults optional). */
export type BodyOf<K extends keyof ApiRoutes> = ApiRoutes[K] extends { body: z.ZodType }
  ? z.input<ApiRoutes[K]['body']>
  : never;
