import { describe, expect, it } from 'vitest';
import {
  condition,
  contactPolicy,
  isoDuration,
  journeyDocument,
  journeySettings,
  nodeDataSchemas,
  nodeJsonSchemas,
  nodeTypes,
} from './index.js';

const issuesOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];

describe('isoDuration', () => {
  it.each(['PT30M', 'P2D', 'P7M', 'P1Y6M', 'P5Y'])('accepts %s', (value) =>
    expect(isoDuration.safeParse(value).success).toBe(true),
  );

  it.each([
    ['2 days', 'is not an ISO-8601 duration'],
    ['PT0S', 'must be longer than zero'],
    ['P6Y', 'must be at most 5 years'],
  ])('rejects %s', (value, message) => expect(issuesOf(isoDuration.safeParse(value))[0]).toContain(message));
});

describe('conditions', () => {
  it('accepts the composable forms of the journey language', () => {
    const nested = {
      all: [
        { attr: 'profile.plan', op: 'eq', value: 'gold' },
        {
          any: [
            { attr: 'event.properties.price', op: 'gte', value: 100 },
            { not: { attr: 'profile.email', op: 'notExists' } },
          ],
        },
        {
          performed: 'order_completed',
          where: { attr: 'event.properties.brand', op: 'eq', value: 'acme' },
          count: { op: 'gte', value: 3 },
          within: 'P30D',
        },
        { message: 'push1', status: 'clicked' },
      ],
    };
    expect(condition.parse(nested)).toEqual(nested);
  });

  it('rejects attr paths outside profile and event, missing values and non-list in/nin', () => {
    expect(condition.safeParse({ attr: 'plan', op: 'eq', value: 1 }).success).toBe(false);
    expect(condition.safeParse({ attr: 'profile.plan', op: 'eq' }).success).toBe(false);
    expect(condition.safeParse({ attr: 'profile.plan', op: 'in', value: 'gold' }).success).toBe(false);
    expect(condition.safeParse({ attr: 'profile.seenAt', op: 'withinLast', value: 'a week' }).success).toBe(false);
    expect(condition.safeParse({ attr: 'profile.email', op: 'exists' }).success).toBe(true);
  });
});

describe('node data', () => {
  it('covers every node type of the journey language', () => {
    expect(nodeTypes).toEqual([
      'trigger',
      'delay',
      'waitUntil',
      'waitForEvent',
      'context',
      'branch',
      'split',
      'message',
      'updateProfile',
      'custom',
      'exit',
    ]);
  });

  it('accepts a message with one channel or an ordered fallback list', () => {
    expect(
      nodeDataSchemas.message.safeParse({
        channel: 'push',
        template: { title: 'Hi', body: 'Still thinking about {{ event.properties.name }}?' },
      }).success,
    ).toBe(true);
    const fallback = {
      channels: [
        { channel: 'push', template: { title: 'Hi', body: 'x' } },
        { channel: 'whatsapp', template: { contentSid: 'HX' + 'a'.repeat(32), variables: { 1: 'Ann' } } },
        { channel: 'email', template: { subject: 'Hi', html: '<p>x</p>' } },
      ],
      transactional: true,
    };
    expect(nodeDataSchemas.message.safeParse(fallback).success).toBe(true);
  });

  it('rejects a template that does not fit its channel', () => {
    expect(nodeDataSchemas.message.safeParse({ channel: 'email', template: { subject: 'no body' } }).success).toBe(
      false,
    );
    expect(nodeDataSchemas.message.safeParse({ channel: 'sms', template: { title: 'push-shaped' } }).success).toBe(
      false,
    );
  });

  it('requires schedule triggers to say cron or at, and waits to say when', () => {
    expect(issuesOf(nodeDataSchemas.trigger.safeParse({ kind: 'schedule' }))).toEqual([
      'cron: a schedule needs either cron or at (not both)',
    ]);
    expect(
      nodeDataSchemas.trigger.safeParse({ kind: 'schedule', cron: '0 10 * * *', timezone: 'Asia/Seoul' }).success,
    ).toBe(true);
    expect(issuesOf(nodeDataSchemas.waitUntil.safeParse({ offset: 'P7M' }))).toEqual([
      'at: say when: at, localTime or days',
    ]);
    expect(
      nodeDataSchemas.waitUntil.safeParse({
        at: '{{ event.properties.purchasedAt }}',
        offset: 'P7M',
        localTime: '10:00',
      }).success,
    ).toBe(true);
    expect(issuesOf(nodeDataSchemas.waitUntil.safeParse({ localTime: '25:00' }))[0]).toContain('24-hour local time');
  });

  it('needs at least two split variants and valid handle ids', () => {
    expect(nodeDataSchemas.split.safeParse({ variants: [{ id: 'a', weight: 100 }] }).success).toBe(false);
    expect(
      issuesOf(
        nodeDataSchemas.branch.safeParse({
          branches: [{ id: 'has space', condition: { attr: 'profile.x', op: 'exists' } }],
        }),
      )[0],
    ).toMatch(/^branches\.0\.id:/);
  });

  it('exports a JSON Schema per node type for forms', () => {
    const schemas = nodeJsonSchemas() as Record<string, { properties?: Record<string, unknown> }>;
    expect(Object.keys(schemas)).toEqual(nodeTypes);
    expect(schemas.delay?.properties).toHaveProperty('duration');
    const waitVariants = (
      schemas.waitForEvent as { anyOf?: { title?: string; properties?: Record<string, unknown> }[] }
    ).anyOf;
    expect(waitVariants?.map((variant) => [variant.title, Object.keys(variant.properties ?? {})])).toEqual([
      ['one event', ['event', 'where', 'timeout']],
      ['first of several (action paths)', ['events', 'timeout']],
    ]);
    expect(schemas.context?.properties).toHaveProperty('set');
  });
});

describe('journey document', () => {
  it('defaults edge handles to next and settings to the documented defaults', () => {
    const parsed = journeyDocument.parse({
      name: 'Cart reminder',
      graph: {
        nodes: [{ id: 't', type: 'trigger', data: { kind: 'event', event: 'added_to_cart' } }],
        edges: [{ source: 't', target: 'w' }],
      },
    });
    expect(parsed.graph.edges[0]?.sourceHandle).toBe('next');
    expect(parsed.settings).toEqual({ reentry: 'afterExit', exitOn: [], contactPolicy: 'default' });
  });

  it('rejects unknown time zones and unknown settings', () => {
    expect(issuesOf(journeySettings.safeParse({ timezone: 'Mars/Olympus' }))[0]).toContain('IANA time zone');
    expect(journeySettings.safeParse({ reentry: 'sometimes' }).success).toBe(false);
    expect(journeySettings.safeParse({ colour: 'red' }).success).toBe(false);
  });

  it('takes a rate limit of whole messages a minute', () => {
    expect(journeySettings.parse({ rateLimit: { perMinute: 600 } }).rateLimit).toEqual({ perMinute: 600 });
    expect(issuesOf(journeySettings.safeParse({ rateLimit: { perMinute: 0 } }))[0]).toContain(
      'at least 1 message a minute',
    );
    expect(issuesOf(journeySettings.safeParse({ rateLimit: { perMinute: 2.5 } }))[0]).toContain('whole number');
    expect(journeySettings.safeParse({ rateLimit: { perSecond: 10 } }).success).toBe(false);
  });
});

describe('contact policy', () => {
  it('fills defaults and accepts an overnight quiet window, caps and throttles', () => {
    expect(contactPolicy.parse({})).toEqual({ frequencyCaps: [], throttle: {} });
    const policy = {
      quietHours: { start: '21:00', end: '08:00', action: 'defer', channels: ['push', 'sms'] },
      frequencyCaps: [{ channel: 'all', limit: 3, within: 'P1D' }],
      throttle: { email: 50 },
    };
    expect(contactPolicy.parse(policy)).toEqual(policy);
  });

  it('names the field that is wrong', () => {
    expect(issuesOf(contactPolicy.safeParse({ quietHours: { start: '9pm', end: '08:00', action: 'defer' } }))).toEqual([
      'quietHours.start: must be a 24-hour local time such as 09:00',
    ]);
    expect(issuesOf(contactPolicy.safeParse({ quietHours: { start: '08:00', end: '08:00', action: 'skip' } }))).toEqual(
      ['quietHours.end: start and end must differ'],
    );
    expect(
      issuesOf(contactPolicy.safeParse({ frequencyCaps: [{ channel: 'webhook', limit: 1, within: 'P1D' }] }))[0],
    ).toMatch(/^frequencyCaps\.0\.channel/);
    expect(
      issuesOf(contactPolicy.safeParse({ frequencyCaps: [{ channel: 'email', limit: 0, within: 'one day' }] })),
    ).toHaveLength(2);
    expect(issuesOf(contactPolicy.safeParse({ throttle: { fax: 1 } }))[0]).toMatch(/^throttle/);
  });
});
