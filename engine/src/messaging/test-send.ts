import { nodeDataSchemas } from '@waymark/workflows';
import type { testSendBody } from '@waymark/workflows/api';
import type { z } from 'zod';
import { randomUUID } from 'node:crypto';
import { ApiError } from '../http/errors.js';
import { parseOr400 } from '../http/validate.js';
import { findJourney } from '../journeys/service.js';
import { EventModel, MessageModel, ProfileModel } from '../models/index.js';
import { profileContext } from '../profiles/context.js';
import { sendMessage, type SendDeps } from './send.js';

/**
 * One message node's content to a real profile through the real
 * send path, rendered with the user's latest event. Marked as a test (version 0): outside stats and
 * caps, past quiet hours, never past consent.
 */
export async function sendTestMessage(deps: SendDeps, journeyId: string, body: z.output<typeof testSendBody>) {
  const message = parseOr400(nodeDataSchemas.message, body.data, 'message');
  const journey = await findJourney(journeyId);
  const profile = await ProfileModel.findOne({ userId: body.userId }).lean();
  if (!profile) throw new ApiError(404, 'profile_not_found', `No profile with userId "${body.userId}".`);
  const latest = await EventModel.findOne({ userId: body.userId, type: 'track' }).sort({ timestamp: -1 }).lean();
  const key = `test:${randomUUID()}`;
  const trigger = latest
    ? {
        name: latest.name,
        messageId: latest.messageId,
        timestamp: latest.timestamp.toISOString(),
        properties: latest.properties as Record<string, unknown>,
      }
    : { name: 'test_send', messageId: key, timestamp: new Date().toISOString(), properties: {} };
  const outcome = await sendMessage(deps, {
    entry: { workflowId: key, journeyId: journey._id, version: 0, userId: body.userId },
    journey: { id: journey._id, name: journey.name, version: 0 },
    nodeId: body.nodeId,
    idempotencyKey: key,
    payload: { message, transactional: false, contactPolicy: 'bypass', trigger },
    profile: profileContext(profile, body.userId),
    consent: profile.consent ?? {},
    test: true,
  });
  const stored = await MessageModel.findOne({ key }, { _id: 1 }).lean();
  return { ...(stored ? { messageId: stored._id.toString() } : {}), ...outcome };
}
