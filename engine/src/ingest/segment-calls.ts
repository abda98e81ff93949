import { z } from 'zod';

/**
 * The Segment spec's calls as SDKs send them (analytics-node, rudder-sdk-node, analytics.js), turned
 * into what Waymark stores. Lenient where the spec and real clients are: numeric ids, ISO timestamps
 * without a zone, epoch milliseconds, `originalTimestamp` and `sentAt` for clock-skew correction.
 * docs: README, "Ingestion".
 */
export const segmentCallTypes = ['identify', 'track', 'page', 'screen', 'group', 'alias'] as const;
export type SegmentCallType = (typeof segmentCallTypes)[number];

/** A call as stored: identify changes the profile, everything else is an event named after the call. */
export interface NormalizedCall {
  kind: 'identify' | 'event';
  /** The user the call is about; for anonymous calls the anonymousId, until identify or alias links it. */
  userId?: string;
  anonymousId?: string;
  /** identify: the anonymousId it links; alias: the previousId. */
  linkFrom?: string;
  /** Event name: the track's event, else `page`, `screen`, `group`, `alias`. */
  name: string;
  /** identify: traits; events: properties. */
  data: Record<string, unknown>;
  timestamp: Date;
  messageId?: string;
}

export type CallResult = { ok: true; call: NormalizedCall } | { ok: false; reason: string };

const MAX_ID = 256;
/** NUL cannot be stored in a field the store indexes or compares (PostgreSQL's jsonb has no NUL). */
const noNul = (text: string) => !text.includes('\0');
const id = z
  .union([z.string(), z.number().finite()])
  .transform(String)
  .pipe(z.string().trim().min(1).max(MAX_ID).refine(noNul, 'must not contain NUL'));
/** Absent, null and "" all mean "not given" (SDKs send each for an anonymous user). */
const maybeId = z.preprocess((value) => (value === null || value === '' ? undefined : value), id.optional());
const optionalId = maybeId.catch(undefined);
const record = z.record(z.string(), z.unknown());

/** The fields common to every call; anything else a client adds (context, integrations, _metadata) is ignored. */
const common = z.looseObject({
  type: z.enum(segmentCallTypes).optional(),
  userId: maybeId,
  anonymousId: maybeId,
  messageId: maybeId,
  timestamp: z.unknown().optional(),
  originalTimestamp: z.unknown().optional(),
  sentAt: z.unknown().optional(),
  traits: record.optional(),
  properties: record.optional(),
  context: z.looseObject({ traits: record.optional() }).optional().catch(undefined),
});

/**
 * An instant as clients send it: ISO-8601 with or without a zone (without: UTC), or epoch milliseconds
 * (a number or a string of digits). Undefined when absent; an Error when unreadable.
 */
export function readInstant(value: unknown): Date | undefined | Error {
  if (value === undefined || value === null || value === '') return undefined;
  let date: Date;
  if (typeof value === 'number' || (typeof value === 'string' && /^\d{1,15}$/.test(value)))
    date = new Date(Number(value));
  else if (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(value.trim())
  ) {
    const text = value.trim().replace(' ', 'T');
    const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(text) || !text.includes('T');
    date = new Date(zoned ? text : `${text}Z`);
  } else return new Error('is not an ISO-8601 timestamp or epoch milliseconds');
  return Number.isNaN(date.getTime()) ? new Error('is not a valid instant') : date;
}

/**
 * When the event happened, on the server's clock: the client's time moved by the client clock's offset,
 * as Segment does (`receivedAt - (sentAt - timestamp)`), when the client said when it sent the call.
 */
function eventTime(call: z.infer<typeof common>, batchSentAt: unknown, receivedAt: Date): Date | Error {
  const clientTime = readInstant(call.originalTimestamp ?? call.timestamp);
  if (clientTime instanceof Error)
    return new Error(
      `${call.originalTimestamp !== undefined ? 'originalTimestamp' : 'timestamp'}: ${clientTime.message}`,
    );
  const sentAt = readInstant(call.sentAt ?? batchSentAt);
  if (sentAt instanceof Error) return new Error(`sentAt: ${sentAt.message}`);
  if (!clientTime) return receivedAt;
  return sentAt ? new Date(receivedAt.getTime() - (sentAt.getTime() - clientTime.getTime())) : clientTime;
}

const firstIssue = (error: z.ZodError): string => {
  const issue = error.issues[0]!;
  return `${issue.path.join('.') || '(call)'}: ${issue.message}`;
};

/** One call of any type; `type` comes from the call itself (batch) or the endpoint it was posted to. */
export function normalizeCall(
  raw: unknown,
  endpointType: SegmentCallType | undefined,
  receivedAt: Date,
  batchSentAt?: unknown,
): CallResult {
  const parsed = common.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: firstIssue(parsed.error) };
  const call = parsed.data;
  const type = endpointType ?? call.type;
  if (!type) return { ok: false, reason: `type: must be one of ${segmentCallTypes.join(', ')}` };
  const userId = call.userId;
  const anonymousId = call.anonymousId;
  if (!userId && !anonymousId) return { ok: false, reason: 'userId: a call needs a userId or an anonymousId' };
  const timestamp = eventTime(call, batchSentAt, receivedAt);
  if (timestamp instanceof Error) return { ok: false, reason: timestamp.message };
  const base = {
    ...(userId ? { userId } : {}),
    ...(anonymousId ? { anonymousId } : {}),
    timestamp,
    ...(call.messageId ? { messageId: call.messageId } : {}),
  };
  const fields = raw as Record<string, unknown>;

  switch (type) {
    case 'identify':
      return {
        ok: true,
        call: {
          ...base,
          kind: 'identify',
          name: 'identify',
          data: { ...call.context?.traits, ...call.traits },
          ...(userId && anonymousId ? { linkFrom: anonymousId } : {}),
        },
      };
    case 'track': {
      const event = z.string().trim().min(1).max(200).refine(noNul).safeParse(fields.event);
      if (!event.success)
        return { ok: false, reason: 'event: a track call needs an event name (1-200 characters, no NUL)' };
      return { ok: true, call: { ...base, kind: 'event', name: event.data, data: call.properties ?? {} } };
    }
    case 'page':
    case 'screen': {
      const named = { ...optionalField('name', fields.name), ...optionalField('category', fields.category) };
      return { ok: true, call: { ...base, kind: 'event', name: type, data: { ...call.properties, ...named } } };
    }
    case 'group': {
      const groupId = optionalId.parse(fields.groupId);
      if (!groupId) return { ok: false, reason: 'groupId: a group call needs a groupId' };
      return {
        ok: true,
        call: { ...base, kind: 'event', name: 'group', data: { groupId, traits: call.traits ?? {} } },
      };
    }
    case 'alias': {
      const previousId = optionalId.parse(fields.previousId);
      if (!previousId || !userId)
        return {
          ok: false,
          reason: `${previousId ? 'userId' : 'previousId'}: an alias call needs a userId and a previousId`,
        };
      return { ok: true, call: { ...base, kind: 'event', name: 'alias', data: { previousId }, linkFrom: previousId } };
    }
  }
}

const optionalField = (key: string, value: unknown): Record<string, string> =>
  typeof value === 'string' && value ? { [key]: value } : {};
