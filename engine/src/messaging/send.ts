import { prepareMessage, ProviderError, type ChannelProviders, type ChannelTemplates, type TrackingOptions } from '@waymark/channels';
import { canReach, type ChannelMessage, type RequestPayloads, type RequestResults } from '@waymark/workflows';
import type { EntryRef } from '@waymark/workflows/temporal';
import { MessageModel, ProfileModel, isDuplicateKey, type MessageStatus } from '../models/index.js';

export interface SendDeps {
  /** One provider per channel (sandbox where a channel is not configured). */
  providers: ChannelProviders;
  emailFrom: string;
  /** Signs unsubscribe links, click redirects and the open pixel. */
  tracking: TrackingOptions;
}

export interface SendRequest {
  entry: EntryRef;
  journey: { id: string; name: string; version: number };
  nodeId: string;
  idempotencyKey: string;
  payload: RequestPayloads['send'];
  profile: Record<string, unknown>;
  /** The profile's consent per channel, loaded with it. */
  consent: Record<string, { subscribed?: boolean } | undefined>;
}

type Outcome = RequestResults['send'];

/**
 * Sends one message node's message through the outbox. The outbox entry is written as `sending`
 * before the provider call, keyed by the idempotency key: a retried activity finds it and does
 * not send again (at-most-once per channel).
 */
export async function sendMessage(deps: SendDeps, request: SendRequest): Promise<Outcome> {
  const key = request.idempotencyKey;
  const existing = await MessageModel.findOne({ key }).lean();
  if (existing) return outcomeOf(existing);

  const { message } = request.payload;
  const options: ChannelMessage[] = 'channels' in message ? message.channels : [message as ChannelMessage];
  const reachable = options.filter((option) => canReach(option.channel, request.profile));
  // Consent applies to every message, transactional ones included; the first channel left wins.
  const chosen = reachable.find((option) => consented(request.consent, option.channel));
  const base = { key, workflowId: request.entry.workflowId, journeyId: request.entry.journeyId, version: request.entry.version, nodeId: request.nodeId, userId: request.entry.userId, transactional: request.payload.transactional };
  if (!chosen) return record({ ...base, channel: options[0]!.channel, status: 'skipped', reason: reachable.length ? 'no_consent' : 'no_address' });

  let outbox;
  try {
    outbox = await MessageModel.create({ ...base, channel: chosen.channel, status: 'sending', history: [{ status: 'sending', at: new Date() }] });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return outcomeOf((await MessageModel.findOne({ key }).lean())!);
  }
  const messageId = outbox._id.toString();
  const trigger = request.payload.trigger;
  const prepared = await prepareMessage(
    chosen.channel,
    chosen.template as ChannelTemplates[typeof chosen.channel],
    { profile: request.profile, event: { name: trigger.name, properties: trigger.properties, timestamp: trigger.timestamp }, journey: request.journey, message: { id: messageId } },
    { emailFrom: deps.emailFrom, tracking: deps.tracking, ...(typeof request.profile.whatsappSessionAt === 'string' ? { whatsappSessionAt: new Date(request.profile.whatsappSessionAt) } : {}) },
  );
  if (!prepared.ok) return settle(messageId, chosen.channel, { status: 'failed', reason: 'render_error', detail: JSON.stringify(prepared.errors) });

  try {
    const provider = deps.providers[chosen.channel] as { send(message: unknown, context: { messageId: string; idempotencyKey: string; userId: string }): Promise<{ providerMessageId: string; status: 'sent' | 'delivered' | 'failed'; error?: string; invalidTokens?: { token: string }[] }> };
    const result = await provider.send(prepared.message, { messageId, idempotencyKey: key, userId: request.entry.userId });
    if (result.invalidTokens?.length) {
      await ProfileModel.updateOne({ userId: request.entry.userId }, { $pull: { devices: { token: { $in: result.invalidTokens.map((d) => d.token) } } } });
    }
    return settle(messageId, chosen.channel, { status: result.status, providerMessageId: result.providerMessageId, rendered: prepared.message, ...(result.error ? { reason: result.error } : {}) });
  } catch (error) {
    const reason = error instanceof ProviderError ? error.code : 'provider_error';
    return settle(messageId, chosen.channel, { status: 'failed', reason, detail: (error as Error).message, rendered: prepared.message });
  }
}

/**
 * Whether the user may be contacted on a channel: an explicit opt-out (unsubscribe link, STOP) says
 * no; with no record, yes, except WhatsApp, which needs an opt-in. Webhooks reach systems, not people.
 */
function consented(consent: SendRequest['consent'], channel: string): boolean {
  return channel === 'webhook' || (consent[channel]?.subscribed ?? channel !== 'whatsapp');
}

async function record(doc: Record<string, unknown> & { status: MessageStatus; channel: string; reason?: string }): Promise<Outcome> {
  try {
    await MessageModel.create({ ...doc, history: [{ status: doc.status, at: new Date(), ...(doc.reason ? { detail: doc.reason } : {}) }] });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  return { status: doc.status, channel: doc.channel, ...(doc.reason ? { reason: doc.reason } : {}) };
}

async function settle(id: string, channel: string, update: { status: 'sent' | 'delivered' | 'failed'; reason?: string; detail?: string; providerMessageId?: string; rendered?: unknown }): Promise<Outcome> {
  const { detail, ...fields } = update;
  await MessageModel.updateOne({ _id: id }, { $set: fields, $push: { history: { status: update.status, at: new Date(), ...(detail ? { detail } : {}) } } });
  return { status: update.status, channel, ...(update.reason ? { reason: update.reason } : {}) };
}

function outcomeOf(message: { status: string; channel: string; reason?: string | null }): Outcome {
  return { status: message.status, channel: message.channel, ...(message.reason ? { reason: message.reason } : {}) };
}
