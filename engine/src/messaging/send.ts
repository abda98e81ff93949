import {
  prepareMessage,
  ProviderError,
  type ChannelMessages,
  type ChannelProviders,
  type ResultOf,
  type SendContext,
  type TrackingOptions,
} from '@waymark/channels';
import {
  renderFailureReason,
  resolveZone,
  type ChannelMessage,
  type FrequencyCap,
  type RequestPayloads,
} from '@waymark/workflows';
import type { EntryRef } from '@waymark/workflows/temporal';
import { countMessage, rateLimited, sendDuration } from '../metrics/counters.js';
import { withLock } from '../models/index.js';
import { removeDevices } from '../profiles/devices.js';
import type { ActiveSettings } from '../settings/settings-store.js';
import { isPersonChannel, screen, type Consent } from './contact-policy.js';
import { cappedChannels } from './frequency-caps.js';
import {
  claimAgain,
  claimForSending,
  findByKey,
  markUnknown,
  outcomeOf,
  recordDecision,
  settle,
  type Existing,
  type Outcome,
  type OutboxBase,
} from './outbox.js';
import { journeyLimit, type SharedRateLimiter } from './rate-limit.js';

export interface SendDeps {
  /** The contact policy and one provider per channel (sandbox where a channel is not configured). */
  settings: () => Promise<ActiveSettings>;
  /** Journey rate limits and channel throttles, shared with every other worker through the store. */
  limiter: SharedRateLimiter;
  emailFrom: string;
  /** Signs unsubscribe links, click redirects and the open pixel. */
  tracking: TrackingOptions;
  /**
   * How long one provider call may take (default {@link DEFAULT_CALL_TIMEOUT_MS}). An entry still
   * `sending` after this was interrupted: a retry reconciles it instead of waiting for it.
   */
  callTimeoutMs?: number;
}

/** Below the journey activity's 2-minute start-to-close timeout, so a hung call ends before Temporal gives up on the attempt. */
export const DEFAULT_CALL_TIMEOUT_MS = 90_000;

/**
 * The provider call of a local first attempt (driver revision 3): it holds its workflow task while it runs, so
 * a hung provider gets this long, not the call timeout, before the regular activity's attempts take over.
 */
export const LOCAL_ATTEMPT_CALL_TIMEOUT_MS = 10_000;

/** Thrown (retryably) while another attempt may still be inside the provider call. */
export class SendInFlightError extends Error {}

export interface SendRequest {
  entry: EntryRef;
  journey: { id: string; name: string; version: number };
  nodeId: string;
  idempotencyKey: string;
  payload: RequestPayloads['send'];
  profile: Record<string, unknown>;
  /** The profile's consent per channel, loaded with it. */
  consent: Consent;
  /** A designer "send test": outside stats and caps, still under consent. */
  test?: boolean;
  /**
   * Nothing should be under the key yet: the first attempt of a request not asked again after a deferral.
   * The outbox lookup is skipped; the claim's unique insert still catches a twin (a workflow reset, a local
   * first attempt run again after its worker died, or the regular activity that retries a failed one).
   */
  fresh?: boolean;
  /** A local activity's attempt: its provider call gets at most {@link LOCAL_ATTEMPT_CALL_TIMEOUT_MS}. */
  local?: boolean;
}

/**
 * How long a send waits for its channel's throttle before it defers: well within the activity's
 * timeout and the user lock's 30 s (caps hold it while waiting).
 */
const THROTTLE_MAX_WAIT_MS = 10_000;

/**
 * Sends one message node's message under the contact policy: consent, quiet hours, the journey's
 * rate limit, frequency caps, throttle. Every outcome lands in the outbox under the idempotency key;
 * the entry is written as `sending` before the provider call, so a retry never sends blindly twice:
 * it finds the entry and reconciles it (see `reconcile`).
 */
export async function sendMessage(deps: SendDeps, request: SendRequest): Promise<Outcome> {
  const existing = request.fresh ? null : await findByKey(request.idempotencyKey);
  if (existing && existing.status !== 'deferred' && existing.status !== 'sending') return outcomeOf(existing);
  const outcome =
    existing?.status === 'sending'
      ? await reconcile(deps, request, existing)
      : await decideAndSend(deps, request, existing);
  // A twin's entry, met by the claim, is still inside the provider call or died there: the retried attempt,
  // which looks the key up first, reconciles it (a `sending` answer would end the entry as if sent).
  if (outcome.status === 'sending')
    throw new SendInFlightError(
      `message ${request.idempotencyKey} is being sent by another attempt; checking again later`,
    );
  if (!request.test) countMessage(outcome);
  return outcome;
}

async function decideAndSend(deps: SendDeps, request: SendRequest, existing: Existing): Promise<Outcome> {
  const { contactPolicy: policy, providers } = await deps.settings();
  const { message, transactional, contactPolicy, timezone } = request.payload;
  const options = optionsOf(message);
  const exempt = transactional || contactPolicy === 'bypass' || request.test === true;
  const now = new Date();
  const base: OutboxBase = {
    key: request.idempotencyKey,
    ...(request.test ? { test: true } : { workflowId: request.entry.workflowId }),
    journeyId: request.entry.journeyId,
    version: request.entry.version,
    nodeId: request.nodeId,
    userId: request.entry.userId,
    transactional,
  };

  const screened = screen(options, {
    profile: request.profile,
    consent: request.consent,
    policy,
    exempt,
    zone: resolveZone(request.profile.timezone, timezone),
    now,
  });
  const firstChannel = options[0]!.channel;
  if ('skip' in screened)
    return recordDecision(base, existing, { status: 'skipped', channel: firstChannel, reason: screened.skip });
  if ('defer' in screened)
    return recordDecision(base, existing, {
      status: 'deferred',
      channel: firstChannel,
      reason: 'quiet_hours',
      until: screened.defer,
    });

  const { rateLimit } = request.payload;
  if (rateLimit && !request.test) {
    const taken = await deps.limiter.take(journeyLimit(request.entry.journeyId, rateLimit.perMinute));
    if (!taken.granted) {
      rateLimited.inc({ limit: 'journey' });
      // Spread the held entries over the next minute rather than all at its first second.
      const until = new Date(taken.retryAt.getTime() + Math.random() * 60_000);
      return recordDecision(base, existing, { status: 'deferred', channel: firstChannel, reason: 'rate_limit', until });
    }
  }

  const throttle = async (channel: string): Promise<boolean> => {
    const perSecond = policy.throttle[channel as keyof typeof policy.throttle];
    if (
      !perSecond ||
      (await deps.limiter.waitForTick(`throttle:${channel}`, 1_000 / perSecond, THROTTLE_MAX_WAIT_MS)) !== undefined
    )
      return true;
    rateLimited.inc({ limit: 'throttle' });
    return false;
  };
  const claim = await claimWithinCaps(
    base,
    existing,
    screened.candidates,
    exempt ? [] : policy.frequencyCaps,
    !exempt,
    now,
    throttle,
  );
  if ('outcome' in claim) return claim.outcome;
  return deliver(deps, providers, request, claim.id, claim.option);
}

/**
 * The entry is still `sending`: an earlier attempt is inside the provider call, or died there. Within
 * the call timeout it may still settle, so this attempt fails retryably. Past it, the call may or may
 * not have happened: a provider that dedupes by idempotency key gets the same send again; any other
 * is marked `unknown`, visible to ops, rather than silently counted as sent or sent twice.
 */
async function reconcile(deps: SendDeps, request: SendRequest, existing: NonNullable<Existing>): Promise<Outcome> {
  const callTimeoutMs = deps.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  const since = existing.updatedAt?.getTime() ?? 0;
  if (Date.now() - since < callTimeoutMs)
    throw new SendInFlightError(
      `message ${request.idempotencyKey} is being sent by another attempt; checking again later`,
    );
  const option = optionsOf(request.payload.message).find((candidate) => candidate.channel === existing.channel);
  const { providers } = await deps.settings();
  if (!option || !providers[option.channel].idempotent)
    return markUnknown(existing._id, request.idempotencyKey, existing.channel);
  await claimAgain(existing._id);
  return deliver(deps, providers, request, String(existing._id), option);
}

type Claim = { id: string; option: ChannelMessage } | { outcome: Outcome };

/**
 * Picks the first candidate no frequency cap forbids, waits for its channel's throttle and claims
 * the outbox entry for it. With caps, the check and the claim run under the user's lock, so
 * concurrent sends cannot both take the last slot of a window. The throttle comes before the claim:
 * a worker that dies while waiting leaves nothing claimed, and the retried activity sends. When the
 * throttle has no slot in time, the message is deferred (and decided again later).
 */
async function claimWithinCaps(
  base: OutboxBase,
  existing: Existing,
  candidates: ChannelMessage[],
  caps: FrequencyCap[],
  counts: boolean,
  now: Date,
  throttle: (channel: string) => Promise<boolean>,
): Promise<Claim> {
  const claim = async (option: ChannelMessage): Promise<Claim> => {
    if (!(await throttle(option.channel))) {
      const until = new Date(Date.now() + Math.random() * THROTTLE_MAX_WAIT_MS);
      return {
        outcome: await recordDecision(base, existing, {
          status: 'deferred',
          channel: option.channel,
          reason: 'throttle',
          until,
        }),
      };
    }
    const claimed = await claimForSending(base, existing, option.channel, counts && isPersonChannel(option.channel));
    return 'id' in claimed ? { id: claimed.id, option } : claimed;
  };
  if (caps.length === 0 || !candidates.some((option) => isPersonChannel(option.channel))) return claim(candidates[0]!);
  return withLock(`send:${base.userId}`, async () => {
    const full = await cappedChannels(base.userId, caps, now);
    const open = candidates.find(
      (option) => !isPersonChannel(option.channel) || !(full.has('all') || full.has(option.channel)),
    );
    if (open) return claim(open);
    return {
      outcome: await recordDecision(base, existing, {
        status: 'skipped',
        channel: candidates[0]!.channel,
        reason: 'frequency_cap',
      }),
    };
  });
}

/** Renders and hands the message to the channel's provider, then settles the outbox entry. */
async function deliver(
  deps: SendDeps,
  providers: ChannelProviders,
  request: SendRequest,
  messageId: string,
  option: ChannelMessage,
): Promise<Outcome> {
  const { name, properties, timestamp } = request.payload.trigger;
  const entryTrigger = { name, properties, timestamp };
  const prepared = await prepareMessage(
    option.channel,
    option.template,
    {
      profile: request.profile,
      event: entryTrigger,
      trigger: entryTrigger,
      vars: request.payload.vars ?? {},
      journey: request.journey,
      message: { id: messageId },
    },
    {
      emailFrom: deps.emailFrom,
      tracking: deps.tracking,
      ...(typeof request.profile.whatsappSessionAt === 'string'
        ? { whatsappSessionAt: new Date(request.profile.whatsappSessionAt) }
        : {}),
    },
  );
  if (!prepared.ok)
    return settle(messageId, option.channel, {
      status: 'failed',
      reason: renderFailureReason(prepared.errors),
      detail: JSON.stringify(prepared.errors),
    });

  const timer = sendDuration.startTimer({ channel: option.channel });
  const callTimeoutMs = deps.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  try {
    const result = await withCallTimeout(
      sendVia(providers, option.channel, prepared.message, {
        messageId,
        idempotencyKey: request.idempotencyKey,
        userId: request.entry.userId,
      }),
      request.local ? Math.min(callTimeoutMs, LOCAL_ATTEMPT_CALL_TIMEOUT_MS) : callTimeoutMs,
    );
    timer({ status: result.status });
    if ('invalidTokens' in result && result.invalidTokens.length) {
      await removeDevices(
        request.entry.userId,
        result.invalidTokens.map((d) => d.token),
      );
    }
    return settle(messageId, option.channel, {
      status: result.status,
      providerMessageId: result.providerMessageId,
      rendered: prepared.message,
      ...(result.error ? { reason: result.error } : {}),
    });
  } catch (error) {
    // A hung call stays `sending`: the retried attempt reconciles it once the call timeout has passed.
    if (error instanceof SendInFlightError) throw error;
    timer({ status: 'failed' });
    const reason = error instanceof ProviderError ? error.code : 'provider_error';
    return settle(messageId, option.channel, {
      status: 'failed',
      reason,
      detail: (error as Error).message,
      rendered: prepared.message,
    });
  }
}

/** Hands a rendered message to its channel's provider (one channel `C` ties the message to the provider). */
function sendVia<C extends keyof ChannelMessages>(
  providers: ChannelProviders,
  channel: C,
  message: ChannelMessages[C],
  context: SendContext,
): Promise<ResultOf<C>> {
  return providers[channel].send(message, context);
}

/** The channels a message node may use, in fallback order. */
const optionsOf = (message: RequestPayloads['send']['message']): ChannelMessage[] =>
  'channels' in message ? message.channels : [message];

/** The provider's answer, or a retryable failure once the call has taken longer than allowed (it may still complete). */
async function withCallTimeout<T>(call: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new SendInFlightError(`the provider call took longer than ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
