import { z } from 'zod';
import { aliasCall, batchCall, deviceCall, groupCall, identifyCall, pageCall, trackCall } from '../ingest/schemas.js';
import { createDraftBody, updateDraftBody } from '../journeys/draft-schemas.js';
import { simulateBody, statsQuery, triggerBody } from '../journeys/routes.js';
import { analyticsQuery, experimentsQuery, winnerBody } from '../experiments/routes.js';
import { testSendBody } from '../messaging/test-send-routes.js';
import { settingsUpdate } from '../settings/settings-store.js';
import { eventNamesQuery } from './events-routes.js';
import { fieldsQuery } from './fields-routes.js';
import { messagesQuery } from './profiles-routes.js';

type Operation = {
  summary: string;
  security: 'writeKey' | 'adminToken' | 'none';
  body?: z.ZodType;
  query?: z.ZodObject;
  ok?: number;
};

const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
const json = (schema: z.ZodType) => ({
  'application/json': { schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) },
});

/** Every route with its request schema; the zod schemas the handlers validate with are the source. */
const operations: Record<string, Record<string, Operation>> = {
  '/v1/identify': {
    post: {
      summary:
        'Identify a user (Segment spec): merge traits into the profile; with an anonymousId, link it to the user',
      security: 'writeKey',
      body: identifyCall,
    },
  },
  '/v1/track': {
    post: { summary: 'Track an event (Segment spec); dedupes by messageId', security: 'writeKey', body: trackCall },
  },
  '/v1/page': {
    post: {
      summary: 'A page view, stored as the event "page" (name and category in its properties)',
      security: 'writeKey',
      body: pageCall,
    },
  },
  '/v1/screen': {
    post: { summary: 'A screen view, stored as the event "screen"', security: 'writeKey', body: pageCall },
  },
  '/v1/group': {
    post: {
      summary: 'Group membership, stored as the event "group" (groupId and traits)',
      security: 'writeKey',
      body: groupCall,
    },
  },
  '/v1/alias': {
    post: {
      summary: 'Link previousId to userId (identity merge), stored as the event "alias"',
      security: 'writeKey',
      body: aliasCall,
    },
  },
  '/v1/batch': {
    post: {
      summary: 'Up to 500 calls of any type; bad calls are listed in `rejected` by index, the others stored',
      security: 'writeKey',
      body: batchCall,
    },
  },
  '/v1/devices': {
    post: {
      summary: 'Register a push token (fcm, apns, webpush) on the profile',
      security: 'writeKey',
      body: deviceCall,
    },
  },
  '/webhooks/twilio': {
    post: {
      summary: 'Twilio status callbacks and inbound SMS/WhatsApp (X-Twilio-Signature verified)',
      security: 'none',
    },
  },
  '/api/journeys': {
    get: { summary: 'List journeys with status, version and entered/converted counts', security: 'adminToken' },
    post: { summary: 'Create a draft journey', security: 'adminToken', body: createDraftBody, ok: 201 },
  },
  '/api/journeys/validate': {
    post: {
      summary: 'Compile a journey document and return errors and warnings',
      security: 'adminToken',
      body: createDraftBody,
    },
  },
  '/api/journeys/{id}': {
    get: { summary: 'A journey with its draft and published versions', security: 'adminToken' },
    put: { summary: 'Save the draft (409 when the revision is stale)', security: 'adminToken', body: updateDraftBody },
    delete: { summary: 'Delete a never-published draft', security: 'adminToken', ok: 204 },
  },
  '/api/journeys/{id}/versions/{version}': {
    get: { summary: 'A published version, read-only', security: 'adminToken' },
  },
  '/api/journeys/{id}/publish': {
    post: { summary: 'Compile the draft and store it as the next version', security: 'adminToken' },
  },
  '/api/journeys/{id}/pause': { post: { summary: 'Stop new entries and hold messages', security: 'adminToken' } },
  '/api/journeys/{id}/resume': { post: { summary: 'Resume a paused journey', security: 'adminToken' } },
  '/api/journeys/{id}/archive': { post: { summary: 'Archive a journey (read-only)', security: 'adminToken' } },
  '/api/journeys/{id}/simulate': {
    post: {
      summary: 'Run the draft (or a version) for a test profile on a virtual clock',
      security: 'adminToken',
      body: simulateBody,
    },
  },
  '/api/journeys/{id}/trigger': {
    post: { summary: 'Enter a user into an API-triggered journey', security: 'adminToken', body: triggerBody, ok: 202 },
  },
  '/api/journeys/{id}/test-send': {
    post: {
      summary: 'Send one message node (as edited) to a profile through the real send path, as a test',
      security: 'adminToken',
      body: testSendBody,
    },
  },
  '/api/journeys/{id}/stats': {
    get: { summary: 'Counts per node, edge, message node and conversions', security: 'adminToken', query: statsQuery },
  },
  '/api/journeys/{id}/experiments': {
    get: {
      summary: 'Split arms and holdout of a version: rates, 95% intervals, P(best), winner, uplift',
      security: 'adminToken',
      query: experimentsQuery,
    },
  },
  '/api/journeys/{id}/experiments/{nodeId}/winner': {
    post: {
      summary: "Declare a split's winning arm: the draft's split sends everyone there, and it is published",
      security: 'adminToken',
      body: winnerBody,
    },
  },
  '/api/journeys/{id}/analytics': {
    get: {
      summary: 'Time series (entries, sends by channel and status, opens, clicks, conversions) and funnel',
      security: 'adminToken',
      query: analyticsQuery,
    },
  },
  '/api/profiles/{userId}': {
    get: { summary: 'Traits, recent events, active entries (live from Temporal) and messages', security: 'adminToken' },
  },
  '/api/segments/estimate': {
    post: {
      summary: 'How many profiles match a segment condition (exact up to 500 profiles, else estimated from them)',
      security: 'adminToken',
    },
  },
  '/api/messages': {
    get: {
      summary:
        'The outbox, filtered by userId, journeyId, status or channel, with the count of messages whose delivery is unknown',
      security: 'adminToken',
      query: messagesQuery,
    },
  },
  '/api/settings': {
    get: { summary: 'Contact policy and providers per channel (secrets redacted)', security: 'adminToken' },
    put: {
      summary:
        'Merge into the settings: a channel left out keeps its provider, null removes it; redacted secrets keep their stored value',
      security: 'adminToken',
      body: settingsUpdate,
    },
  },
  '/api/events/names': {
    get: {
      summary: 'Event names tracked in the last 30 days, most recent first',
      security: 'adminToken',
      query: eventNamesQuery,
    },
  },
  '/api/fields': {
    get: {
      summary: 'Profile fields and event properties seen on the newest 200 profiles and events, for personalisation',
      security: 'adminToken',
      query: fieldsQuery,
    },
  },
  '/api/steps': { get: { summary: 'Every node type and custom step with its JSON Schema', security: 'adminToken' } },
};

/** Query parameters from a route's strict query schema (any other parameter is a 400). */
function queryParameters(query: z.ZodObject | undefined): object[] {
  if (!query) return [];
  const schema = z.toJSONSchema(query, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, object>;
    required?: string[];
  };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: schema.required?.includes(name) ?? false,
    schema: property,
  }));
}

/** The OpenAPI 3.1 document served at /api/openapi.json (JSON Schema 2020-12 straight from zod). */
export function openApiDocument(): object {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, methods] of Object.entries(operations)) {
    paths[path] = {};
    for (const [method, op] of Object.entries(methods)) {
      const parameters = [
        ...[...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
          name,
          in: 'path',
          required: true,
          schema: name === 'version' ? { type: 'integer', minimum: 1 } : { type: 'string' },
        })),
        ...queryParameters(op.query),
      ];
      paths[path][method] = {
        summary: op.summary,
        ...(op.security === 'none' ? {} : { security: [{ [op.security]: [] }] }),
        ...(parameters.length ? { parameters } : {}),
        ...(op.body ? { requestBody: { required: true, content: json(op.body) } } : {}),
        responses: {
          [String(op.ok ?? 200)]: { description: 'OK' },
          default: {
            description:
              'Error: 400 invalid input, 401/403 auth, 404, 409 conflict, 413 too large, 422 invalid journey',
            content: json(errorSchema),
          },
        },
      };
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Waymark API',
      version: '0.1.0',
      description: 'Ingestion (Segment-compatible) and journey management.',
    },
    components: {
      securitySchemes: {
        writeKey: {
          type: 'http',
          scheme: 'basic',
          description: 'The write key as the Basic user (or as a Bearer token).',
        },
        adminToken: { type: 'http', scheme: 'bearer' },
      },
    },
    paths,
  };
}
