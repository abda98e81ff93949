import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { stateQuery, type JourneyView } from '@waymark/workflows/temporal';
import { ApiError } from '../http/errors.js';
import { storedRecord } from '../models/stored-json.js';
import { EntryModel, EventModel, MessageModel, ProfileModel, outboxRow } from '../models/index.js';

/**
 * `GET /api/profiles/:userId` (ProfileView once sent as JSON): a user's traits, recent events and messages,
 * and where each running entry is (read live from its workflow).
 */
export async function profileView(client: Client, userId: string) {
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
  return {
    userId,
    traits: storedRecord(profile.traits),
    email: profile.email,
    phone: profile.phone,
    timezone: profile.timezone,
    events,
    entries: active,
    messages: messages.map(outboxRow),
  };
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
