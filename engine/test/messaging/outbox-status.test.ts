import mongoose from 'mongoose';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEngagement } from '../../src/messaging/engagement.js';
import { markUnknown, settle } from '../../src/messaging/outbox.js';
import { MessageModel } from '../../src/models/index.js';
import { connectIsolatedStore } from '../helpers.js';

/** An outbox entry claimed for sending, as the send path writes it before the provider call. */
async function sending(): Promise<string> {
  const created = await MessageModel.create({
    key: randomUUID(),
    journeyId: 'j',
    version: 1,
    nodeId: 'm',
    userId: `u-${randomUUID().slice(0, 8)}`,
    channel: 'email',
    status: 'sending',
    history: [{ status: 'sending', at: new Date() }],
  });
  return created._id.toString();
}

const stored = async (id: string) => (await MessageModel.findById(id).lean())!;

describe('outbox status', () => {
  beforeAll(async () => {
    await connectIsolatedStore('outbox-status');
  });
  afterAll(async () => mongoose.disconnect());

  it("settles a send's answer over `sending`", async () => {
    const id = await sending();
    expect(await settle(id, 'email', { status: 'delivered', providerMessageId: 'p-1' })).toEqual({
      status: 'delivered',
      channel: 'email',
    });
    expect(await stored(id)).toMatchObject({ status: 'delivered', providerMessageId: 'p-1' });
  });

  it('keeps a click that came before the send call returned, and still records the answer', async () => {
    const id = await sending();
    // A link scanner follows the tracked link the moment the relay hands the email on.
    await recordEngagement({ _id: id }, 'clicked');
    expect(await settle(id, 'email', { status: 'delivered', providerMessageId: 'p-2' })).toMatchObject({
      status: 'delivered',
    });
    const message = await stored(id);
    expect(message.status).toBe('clicked');
    expect(message.providerMessageId).toBe('p-2');
    expect(message.history.map((h) => h.status)).toEqual(['sending', 'clicked', 'delivered']);
  });

  it('keeps a delivery callback that beat the call, over the call\'s "sent"', async () => {
    const id = await sending();
    await recordEngagement({ _id: id }, 'delivered');
    await settle(id, 'email', { status: 'sent', providerMessageId: 'p-3' });
    expect(await stored(id)).toMatchObject({ status: 'delivered', providerMessageId: 'p-3' });
  });

  it('replaces `unknown` when the interrupted call answers after all', async () => {
    const id = await sending();
    const { key } = await stored(id);
    await markUnknown(id, key, 'email');
    await settle(id, 'email', { status: 'delivered' });
    expect((await stored(id)).status).toBe('delivered');
  });
});
