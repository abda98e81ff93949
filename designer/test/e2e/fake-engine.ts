import { builtinSteps, cartReminder, compile, nodeJsonSchemas, type NodeType } from '@waymark/workflows';
import type { ApiHandler, ApiRequest } from './harness';

/** Answers of a journey in the stand-in engine, shaped as engine/src/journeys/routes.ts answers them. */
interface StoredJourney {
  id: string;
  name: string;
  status: 'draft' | 'active' | 'paused' | 'archived';
  version: number | null;
  revision: number;
  draft: { name: string; graph: { nodes: unknown[]; edges: unknown[] }; settings: Record<string, unknown> };
  versions: { version: number; publishedAt: string; document: unknown }[];
}

export const ADMIN_TOKEN = 'wm_admin_dev';
/** Where this engine says the Temporal UI is (WAYMARK_TEMPORAL_UI_URL). */
export const TEMPORAL_UI_URL = 'https://temporal.waymark.test';

/** A custom step as a developer would register it: it shows up in the palette and gets a form. */
const crmStep = {
  type: 'custom',
  step: 'crm_sync',
  title: 'Sync to CRM',
  description: 'Copy the profile to the CRM list.',
  category: 'custom',
  builtin: false,
  outputs: ['ok', 'failed'],
  schema: { type: 'object', properties: { list: { type: 'string' } }, required: ['list'] },
};

/**
 * An in-memory engine for the designer's browser tests: the API routes the designer calls, with the
 * engine's shapes, auth, revision conflicts and compile-on-publish. The real engine is tested in engine/.
 */
export function createFakeEngine() {
  const publishedAt = '2027-01-01T00:00:00.000Z';
  const journey: StoredJourney = {
    id: 'cart-reminder',
    name: cartReminder.name,
    status: 'active',
    version: 1,
    revision: 1,
    draft: structuredClone(cartReminder),
    versions: [{ version: 1, publishedAt, document: structuredClone(cartReminder) }],
  };
  /** A draft a marketer built: the cart reminder for one brand, with a buyer path (the journey language's shapes). */
  const acmeDocument = {
    name: 'Acme cart reminder',
    graph: {
      nodes: [
        {
          id: 'trigger',
          type: 'trigger',
          data: {
            kind: 'event',
            event: 'added_to_cart',
            where: { attr: 'event.properties.brand', op: 'eq', value: 'acme' },
          },
        },
        { id: 'waitForEvent_1', type: 'waitForEvent', data: { event: 'order_completed', timeout: 'P1D' } },
        {
          id: 'message_1',
          type: 'message',
          data: {
            channel: 'push',
            template: {
              title: 'Still thinking about {{ event.properties.name }}?',
              body: 'Hi {{ profile.firstName }}, it is still in your cart.',
            },
          },
        },
        {
          id: 'branch_1',
          type: 'branch',
          data: {
            branches: [{ id: 'clicked', label: 'Clicked', condition: { message: 'message_1', status: 'clicked' } }],
          },
        },
        { id: 'exit_1', type: 'exit', data: {} },
        { id: 'exit_2', type: 'exit', data: {} },
      ],
      edges: [
        { source: 'trigger', target: 'waitForEvent_1' },
        { source: 'waitForEvent_1', sourceHandle: 'matched', target: 'exit_1' },
        { source: 'waitForEvent_1', sourceHandle: 'timeout', target: 'message_1' },
        { source: 'message_1', target: 'branch_1' },
        { source: 'branch_1', sourceHandle: 'clicked', target: 'exit_2' },
        { source: 'branch_1', sourceHandle: 'else', target: 'exit_2' },
      ],
    },
    settings: { timezone: 'Europe/Paris' },
  };
  const acme: StoredJourney = {
    id: 'acme-cart-reminder-1a2b3c',
    name: acmeDocument.name,
    status: 'draft',
    version: null,
    revision: 1,
    draft: structuredClone(acmeDocument),
    versions: [],
  };
  const journeys = new Map([
    [journey.id, journey],
    [acme.id, acme],
  ]);
  /** While set, every API call hangs like a stuck engine. */
  let hanging = false;
  const requests: ApiRequest[] = [];
  const stats = {
    version: 1,
    nodes: {
      trigger: { entered: 12, waiting: 0, exited: 0 },
      golden_time: { entered: 12, waiting: 0, exited: 0 },
      wait_2d: { entered: 6, waiting: 2, exited: 0 },
      wait_1d: { entered: 6, waiting: 0, exited: 0 },
      reminder: { entered: 7, waiting: 0, exited: 0 },
      done: { entered: 7, waiting: 0, exited: 7 },
      bought: { entered: 3, waiting: 0, exited: 3 },
    },
    edges: [
      { from: 'golden_time', handle: 'two_days', to: 'wait_2d', count: 6 },
      { from: 'golden_time', handle: 'one_day', to: 'wait_1d', count: 6 },
      { from: 'wait_1d', handle: 'timeout', to: 'reminder', count: 3 },
      { from: 'wait_1d', handle: 'matched', to: 'bought', count: 1 },
    ],
    messages: {
      reminder: {
        sent: 1,
        delivered: 2,
        opened: 1,
        clicked: 3,
        skipped: 2,
        failed: 1,
        reasons: { no_address: 2, rejected: 1 },
      },
    },
    conversions: { total: 3, byVariant: { one_day: 2, two_days: 1 }, byMessage: { reminder: 2 } },
    totals: { entered: 12, active: 2, converted: 3 },
  };
  const acmeStats = {
    version: 1,
    nodes: {
      trigger: { entered: 40, waiting: 0, exited: 0 },
      waitForEvent_1: { entered: 40, waiting: 5, exited: 0 },
      message_1: { entered: 27, waiting: 0, exited: 0 },
      branch_1: { entered: 27, waiting: 0, exited: 0 },
      exit_1: { entered: 8, waiting: 0, exited: 8 },
      exit_2: { entered: 27, waiting: 0, exited: 27 },
    },
    edges: [
      { from: 'trigger', handle: 'next', to: 'waitForEvent_1', count: 40 },
      { from: 'waitForEvent_1', handle: 'matched', to: 'exit_1', count: 8 },
      { from: 'waitForEvent_1', handle: 'timeout', to: 'message_1', count: 27 },
    ],
    messages: { message_1: { sent: 12, delivered: 8, opened: 2, clicked: 2, skipped: 3, reasons: { no_address: 3 } } },
    conversions: { total: 8, byVariant: {}, byMessage: { message_1: 2 } },
    totals: { entered: 40, active: 5, converted: 8 },
  };
  const messages = [
    {
      id: 'm1',
      key: 'k1',
      journeyId: journey.id,
      nodeId: 'reminder',
      userId: 'user-42',
      channel: 'push',
      status: 'clicked',
      rendered: { title: 'Still thinking about Tablet case?', body: '…' },
      history: [],
      createdAt: publishedAt,
    },
  ];
  const profile = {
    userId: 'user-42',
    traits: { first_name: 'Ada' },
    email: 'ada@example.com',
    timezone: 'Asia/Seoul',
    events: [{ name: 'added_to_cart', properties: {}, timestamp: publishedAt }],
    entries: [
      {
        workflowId: 'journey:cart-reminder:user-42',
        journeyId: journey.id,
        version: 1,
        enteredAt: publishedAt,
        nodeId: 'wait_2d',
        waiting: { events: ['order_completed'], until: '2027-01-03T00:00:00.000Z' },
      },
    ],
    messages,
  };

  const eventNames = [
    { name: 'checkout_started', count: 5, lastSeenAt: publishedAt },
    { name: 'order_completed', count: 3, lastSeenAt: publishedAt },
    { name: 'added_to_cart', count: 12, lastSeenAt: publishedAt },
  ];

  const MASKED = '********';
  let settings: {
    contactPolicy: {
      frequencyCaps: { channel: string; limit: number; within: string }[];
      throttle: Record<string, number>;
    };
    providers: Record<string, { provider: string; config?: Record<string, unknown> }>;
  } = {
    contactPolicy: { frequencyCaps: [{ channel: 'all', limit: 3, within: 'P1D' }], throttle: {} },
    providers: { email: { provider: 'smtp', config: { smtpUrl: 'smtp://user:secret@mail.example.com:587' } } },
  };
  /** The engine never sends a stored secret back (only smtpUrl is stored in this stand-in). */
  const maskSecrets = (stored: typeof settings) => {
    const copy = structuredClone(stored);
    if (copy.providers.email?.config?.smtpUrl) copy.providers.email.config.smtpUrl = MASKED;
    return copy;
  };

  const error = (status: number, code: string, message: string, details?: unknown) => ({
    status,
    body: { error: { code, message, ...(details ? { details } : {}) } },
  });
  const detail = (j: StoredJourney) => ({
    id: j.id,
    name: j.name,
    status: j.status,
    version: j.version,
    revision: j.revision,
    draft: j.draft,
    updatedAt: publishedAt,
    versions: j.versions.map(({ version, publishedAt: at }) => ({ version, publishedAt: at })).reverse(),
  });

  const handle: ApiHandler = (request) => {
    requests.push(request);
    const { method, path } = request;
    if (hanging && path.startsWith('/api/') && path !== '/api/session') return 'hang';
    if (path === '/health')
      return {
        status: 200,
        body: {
          status: 'ok',
          dependencies: {
            temporal: { status: 'up', target: 'fake', latencyMs: 1 },
            store: { status: 'up', target: 'fake', latencyMs: 1 },
            smtp: { status: 'up', target: 'fake', latencyMs: 1 },
          },
        },
      };
    if (path === '/api/session')
      return { status: 200, body: { adminToken: ADMIN_TOKEN, temporalUiUrl: TEMPORAL_UI_URL } };
    if (request.authorization !== `Bearer ${ADMIN_TOKEN}`) return error(401, 'unauthorized', 'Missing admin token');
    if (method === 'GET' && path === '/api/steps') {
      const schemas = nodeJsonSchemas();
      return {
        status: 200,
        body: {
          steps: [
            ...(Object.keys(builtinSteps) as NodeType[])
              .filter((type) => type !== 'custom')
              .map((type) => ({ type, ...builtinSteps[type], builtin: true, schema: schemas[type] })),
            crmStep,
          ],
        },
      };
    }
    if (method === 'GET' && path === '/api/journeys')
      return {
        status: 200,
        body: {
          journeys: [...journeys.values()].map((j) => ({
            id: j.id,
            name: j.name,
            status: j.status,
            version: j.version,
            updatedAt: publishedAt,
            entered: 12,
            converted: 3,
          })),
        },
      };
    if (method === 'POST' && path === '/api/journeys') {
      const draft = request.body as StoredJourney['draft'];
      const id = `${draft.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')}-4ada70`;
      journeys.set(id, {
        id,
        name: draft.name,
        status: 'draft',
        version: null,
        revision: 1,
        draft: structuredClone(draft),
        versions: [],
      });
      return { status: 201, body: { id, name: draft.name, status: 'draft', revision: 1 } };
    }
    if (method === 'GET' && path === '/api/messages') return { status: 200, body: { messages } };
    if (method === 'GET' && path === '/api/profiles/user-42') return { status: 200, body: profile };
    if (path === '/api/settings' && method === 'GET') return { status: 200, body: maskSecrets(settings) };
    if (path === '/api/settings' && method === 'PUT') {
      const next = request.body as typeof settings;
      // Shaped like the engine's parseOr400: `details.issues[]` with dotted `field`s.
      const issues = next.contactPolicy.frequencyCaps.flatMap((cap, index) =>
        Number.isInteger(cap.limit) && cap.limit >= 1
          ? []
          : [{ field: `contactPolicy.frequencyCaps.${index}.limit`, message: 'must be a whole number of at least 1' }],
      );
      if (issues.length)
        return error(400, 'invalid_request', `Invalid settings: ${issues[0]!.field}: ${issues[0]!.message}`, {
          issues,
        });
      const smtp = next.providers.email?.config;
      if (smtp?.smtpUrl === MASKED) smtp.smtpUrl = settings.providers.email?.config?.smtpUrl;
      settings = structuredClone(next);
      return { status: 200, body: maskSecrets(settings) };
    }
    if (method === 'GET' && path === '/api/fields') {
      const field = (path: string, example: string) => ({ path, count: 12, example });
      return {
        status: 200,
        body: {
          profile: [field('profile.firstName', 'Ann'), field('profile.email', 'ann@example.com')],
          event: [field('event.properties.name', 'Tablet case'), field('event.properties.brand', 'acme')],
        },
      };
    }
    if (method === 'GET' && path === '/api/events/names') {
      const prefix = request.query.get('prefix') ?? '';
      return { status: 200, body: { names: eventNames.filter((entry) => entry.name.startsWith(prefix)) } };
    }
    const match = /^\/api\/journeys\/([^/]+)(?:\/(.+))?$/.exec(path);
    const j = match ? journeys.get(match[1]!) : undefined;
    if (!match || !j) return undefined;
    const action = match[2];
    if (method === 'GET' && !action) return { status: 200, body: detail(j) };
    if (method === 'PUT' && !action) {
      const { revision, ...draft } = request.body as StoredJourney['draft'] & { revision: number };
      if (revision !== j.revision)
        return error(
          409,
          'conflict',
          `The journey was saved elsewhere (revision ${j.revision}, you edited ${revision}); reload it before saving.`,
          { currentRevision: j.revision },
        );
      Object.assign(j, { draft, name: draft.name, revision: j.revision + 1 });
      return { status: 200, body: { id: j.id, revision: j.revision, status: j.status } };
    }
    if (method === 'POST' && action === 'publish') {
      const result = compile(j.draft);
      if (!result.ok)
        return error(422, 'invalid_journey', `The journey has ${result.errors.length} error(s)`, {
          errors: result.errors,
        });
      j.version = (j.version ?? 0) + 1;
      j.status = j.status === 'paused' ? 'paused' : 'active';
      j.versions.push({ version: j.version, publishedAt, document: structuredClone(j.draft) });
      return { status: 200, body: { version: j.version, warnings: result.warnings } };
    }
    if (method === 'GET' && action?.startsWith('versions/')) {
      const version = j.versions.find((v) => v.version === Number(action.slice('versions/'.length)));
      return version ? { status: 200, body: { ...version, ir: {} } } : undefined;
    }
    if (method === 'GET' && action === 'stats') return { status: 200, body: j === journey ? stats : acmeStats };
    if (method === 'POST' && action === 'test-send')
      return { status: 200, body: { messageId: 'test-1', status: 'sent' } };
    if (method === 'POST' && (action === 'pause' || action === 'resume' || action === 'archive')) {
      j.status = action === 'pause' ? 'paused' : action === 'resume' ? 'active' : 'archived';
      return { status: 200, body: { status: j.status } };
    }
    return undefined;
  };

  /** Another tab saving in between: the next save from the browser is based on a stale revision. */
  const saveElsewhere = () => void (journey.revision += 1);
  const hang = (on: boolean) => void (hanging = on);
  return { handle, requests, journey, journeys, saveElsewhere, hang, storedSettings: () => settings };
}
