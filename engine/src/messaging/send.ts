import type { EmailMessage, Provider } from '@waymark/channels';
import { canReach, renderTemplate, type ChannelMessage, type RequestPayloads, type RequestResults, type Template } from '@waymark/workflows';
import type { EntryRef } from '@waymark/workflows/temporal';
import { MessageModel, type MessageStatus } from '../models/index.js';

export interface SendDeps {
  /** SMTP provider; without one email runs in sandbox mode like the other channels. */
  email?: Provider<EmailMessage>;
  emailFrom: string;
  /** Public base URL of the engine, for unsubscribe links. */
  publicUrl: string;
}

export interface SendRequest {
  entry: EntryRef;
  journey: { id: string; name: string; version: number };
  nodeId: string;
  idempotencyKey: string;
  payload: RequestPayloads['send'];
  profile: Record<string, unknown>;
}

type Outcome = RequestResults['send'];

const isDuplicateKey = (error: unknown) => (error as { code?: number }).code === 11000;

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
  const chosen = options.find((option) => canReach(option.channel, request.profile));
  const base = { key, workflowId: request.entry.workflowId, journeyId: request.entry.journeyId, version: request.entry.version, nodeId: request.nodeId, userId: request.entry.userId, transactional: request.payload.transactional };
  if (!chosen) return record({ ...base, channel: options[0]!.channel, status: 'skipped', reason: 'no_address' });

  let outbox;
  try {
    outbox = await MessageModel.create({ ...base, channel: chosen.channel, status: 'sending', history: [{ status: 'sending', at: new Date() }] });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return outcomeOf((await MessageModel.findOne({ key }).lean())!);
  }
  const messageId = outbox._id.toString();
  const trigger = request.payload.trigger;
  const rendered = renderTemplate(chosen.template as Template, {
    profile: request.profile,
    event: { name: trigger.name, properties: trigger.properties, timestamp: trigger.timestamp },
    journey: request.journey,
    message: { id: messageId },
    ...(chosen.channel === 'email' ? { unsubscribe_url: `${deps.publicUrl}/u/${messageId}` } : {}),
  });
  if (!rendered.ok) return settle(messageId, chosen.channel, { status: 'failed', reason: 'render_error', detail: JSON.stringify(rendered.errors) });

  try {
    const delivery = await deliver(deps, chosen.channel, rendered.rendered, request.profile, { messageId, idempotencyKey: key, userId: request.entry.userId });
    return settle(messageId, chosen.channel, { status: delivery.status, providerMessageId: delivery.providerMessageId, rendered: rendered.rendered });
  } catch (error) {
    return settle(messageId, chosen.channel, { status: 'failed', reason: 'provider_error', detail: (error as Error).message, rendered: rendered.rendered });
  }
}

/** Email goes through SMTP when configured; everything else is sandboxed until its provider is configured. */
async function deliver(deps: SendDeps, channel: string, rendered: Template, profile: Record<string, unknown>, context: { messageId: string; idempotencyKey: string; userId: string }) {
  if (channel === 'email' && deps.email) {
    const email = rendered as Extract<Template, { subject: string }>;
    return deps.email.send(
      { to: String(profile.email), from: email.from ?? deps.emailFrom, subject: email.subject, ...(email.html ? { html: email.html } : {}), ...(email.text ? { text: email.text } : {}), ...(email.replyTo ? { replyTo: email.replyTo } : {}), unsubscribeUrl: `${deps.publicUrl}/u/${context.messageId}` },
      context,
    );
  }
  return { providerMessageId: `sandbox-${context.messageId}`, status: 'delivered' as const };
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
