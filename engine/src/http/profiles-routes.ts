import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { stateQuery, type JourneyView } from '@waymark/workflows/temporal';
import { Router } from 'express';
import { messagesQuery } from '@waymark/workflows/api';
import { EntryModel, EventModel, MessageModel, ProfileModel } from '../models/index.js';
import { ApiError } from './errors.js';
import { storedRecord } from '../ingest/stored-json.js';
import { noQuery, parseQuery } from './validate.js';

/** GET /api/profiles/:userId (where a user is, read live from each workflow) and GET /api/messages (the outbox). */
export function profileRoutes(client: Client): Router {
  const router = Router();

  router.get('/profiles/:userId', noQuery, async (req, res) => {
    const { userId } = req.params;
    const profile = await ProfileModel.findOne({ userId }).lean();
    if (!profile) throw new ApiError(404, 'not_found', `No profile "${userId}".`);
    const [events, entries, messages] = await Promise.all([
      EventModel.find({ userId }, { _id: 0, name: 1, properties: 1, timestamp: 1, messageId: 1 })
        .sort({ timestamp: -1 })
        .limit(50)
        .lean()
        .then((found) => found.map((e) => ({ ...e, properties: storedRecord(e.properties) }))),
      EntryModel.find({ userId, status: { $in: ['starting', 'active'] } }).lean(),
      MessageModel.find({ userId }).sort({ createdAt: -1 }).limit(50).lean(),
    ]);
    const active = await Promise.all(
      entries.map(async (entry) => ({
        workflowId: entry.workflowId,
        journeyId: entry.journeyId,
        version: entry.version,
        enteredAt: entry.enteredAt,
        ...(await liveState(client, entry.workflowId)),
      })),
    );
    res.json({
      userId,
      traits: storedRecord(profile.traits),
      email: profile.email,
      phone: profile.phone,
      timezone: profile.timezone,
      events,
      entries: active,
      messages: messages.map(messageView),
    });
  });

  router.get('/messages', async (req, res) => {
    const { limit, ...filter } = parseQuery(messagesQuery, req.query);
    const { status: _status, ...scope } = filter;
    const [messages, unknown] = await Promise.all([
      MessageModel.find(filter).sort({ createdAt: -1 }).limit(limit).lean(),
      // Sends interrupted inside a provider that cannot dedupe a retry: ops must check them by hand.
      MessageModel.countDocuments({ ...scope, status: 'unknown' }),
    ]);
    res.json({ messages: messages.map(messageView), unknown });
  });

  return router;
}

/** The workflow's own answer to "where are you and what are you waiting for". */
async function liveState(
  client: Client,
  workflowId: string,
): Promise<{ nodeId?: string; waiting?: JourneyView['waiting'] }> {
  try {
    const view = await client.workflow.getHandle(workflowId).query(stateQuery);
    return { nodeId: view.nodeId, ...(view.waiting ? { waiting: view.waiting } : {}) };
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return {};
    throw error;
  }
}

function messageView(message: Record<string, unknown> & { _id: unknown }) {
  const { _id, __v, ...rest } = message;
  return { id: String(_id), ...rest };
}
