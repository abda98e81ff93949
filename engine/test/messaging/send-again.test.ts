import { MockActivityEnvironment } from '@temporalio/testing';
import type { ActivityRequest } from '@waymark/workflows/temporal';
import mongoose from 'mongoose';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activitiesFor } from '../../src/engine.js';
import { MessageModel, ProfileModel } from '../../src/models/index.js';
import { builtinCustomSteps, stepRegistry } from '../../src/steps/registry.js';
import { connectIsolatedStore, shared } from '../helpers.js';

/**
 * The send activity looks the outbox up only when something can be under the key: a retried attempt, or a
 * message the interpreter asks for again after a deferral (`again`). A first attempt's claim insert is its check.
 */
describe('a message asked again after a deferral', () => {
  const { activities, close } = activitiesFor({
    channels: { email: { provider: 'smtp', config: { smtpUrl: shared().smtpUrl } } },
    publicUrl: 'http://waymark.test',
    trackingSecret: 't',
    steps: stepRegistry(builtinCustomSteps),
  });
  const perform = (request: ActivityRequest<'send'>) =>
    new MockActivityEnvironment({ attempt: 1 }).run(activities.perform, request);

  beforeAll(async () => {
    await connectIsolatedStore('send-again');
    await ProfileModel.create({ userId: 'deb', email: 'deb-again@example.com' });
  });
  afterAll(async () => {
    close();
    await mongoose.disconnect();
  });

  /** A send whose outbox entry a quiet-hours deferral left under its key, as the first request did. */
  async function deferredSend(again: boolean): Promise<ActivityRequest<'send'>> {
    const idempotencyKey = `again-${randomUUID()}`;
    const entry = { workflowId: `journey:j1:deb:${idempotencyKey}`, journeyId: 'j1', version: 1, userId: 'deb' };
    await MessageModel.create({
      key: idempotencyKey,
      workflowId: entry.workflowId,
      journeyId: 'j1',
      version: 1,
      nodeId: 'm',
      userId: 'deb',
      channel: 'email',
      status: 'deferred',
      reason: 'quiet_hours',
      deferredUntil: new Date(Date.now() - 1_000),
      history: [{ status: 'deferred', at: new Date(), detail: 'quiet_hours' }],
    });
    return {
      entry,
      requestId: 'm:1:send',
      kind: 'send',
      nodeId: 'm',
      idempotencyKey,
      payload: {
        message: { channel: 'email', template: { subject: 'Good morning', text: 'hi' } },
        transactional: false,
        contactPolicy: 'default',
        trigger: { name: 'go', messageId: 't1', timestamp: new Date().toISOString(), properties: {} },
        vars: {},
        ...(again ? { again: true as const } : {}),
      },
    };
  }

  it('claims the deferred entry and sends it', async () => {
    const request = await deferredSend(true);
    expect(await perform(request)).toEqual({ status: 'delivered', channel: 'email' });
    const stored = await MessageModel.findOne({ key: request.idempotencyKey }).lean();
    expect(stored!.history.map((change) => change.status)).toEqual(['deferred', 'sending', 'delivered']);
  });

  it("answers the deferral again for a request without `again` (an older worker's), sending nothing", async () => {
    // The interpreter then waits until that time, already past, and asks again with `again`.
    const request = await deferredSend(false);
    expect(await perform(request)).toMatchObject({ status: 'deferred', reason: 'quiet_hours' });
    const stored = await MessageModel.findOne({ key: request.idempotencyKey }).lean();
    expect(stored!.history.map((change) => change.status)).toEqual(['deferred']);
  });
});
