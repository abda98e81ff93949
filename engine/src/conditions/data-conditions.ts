import {
  countSatisfies,
  evaluateCondition,
  subtractDuration,
  type ConditionContext,
  type DataAnswers,
  type DataCondition,
  dataConditionKey,
  statusesImplying,
} from '@waymark/workflows';
import type { EntryRef } from '@waymark/workflows/temporal';
import { storedRecord } from '../models/stored-json.js';
import { EventModel, MessageModel } from '../models/index.js';

/** The entry's trigger and variables, for `valueFrom` paths inside history filters. */
export type EntryPaths = Pick<ConditionContext, 'trigger' | 'vars'>;

/** Answers performed/message conditions from the event history and the outbox. */
export async function answerDataConditions(
  entry: EntryRef,
  conditions: DataCondition[],
  profile: Record<string, unknown>,
  now: Date,
  paths: EntryPaths = {},
): Promise<DataAnswers> {
  const answers: DataAnswers = {};
  for (const condition of conditions)
    answers[dataConditionKey(condition)] = await answer(entry, condition, profile, now, paths);
  return answers;
}

async function answer(
  entry: EntryRef,
  condition: DataCondition,
  profile: Record<string, unknown>,
  now: Date,
  paths: EntryPaths,
): Promise<boolean> {
  if ('message' in condition) {
    const message = await MessageModel.findOne({ workflowId: entry.workflowId, nodeId: condition.message })
      .sort({ createdAt: -1 })
      .lean();
    const reached = new Set([message?.status, ...(message?.history ?? []).map((h) => h.status)]);
    return statusesImplying[condition.status].some((status) => reached.has(status as never));
  }
  const filter = {
    userId: entry.userId,
    name: condition.performed,
    timestamp: {
      $lte: now,
      ...(condition.within ? { $gte: new Date(subtractDuration(now.toISOString(), condition.within)) } : {}),
    },
  };
  let count: number;
  if (condition.where) {
    // Property filters are evaluated here, with the same evaluator the journey uses, over the newest events.
    const events = await EventModel.find(filter).sort({ timestamp: -1 }).limit(1_000).lean();
    count = events.filter((e) =>
      evaluateCondition(condition.where!, {
        ...paths,
        profile,
        event: { name: e.name, properties: storedRecord(e.properties), timestamp: e.timestamp.toISOString() },
        now: now.toISOString(),
      }),
    ).length;
  } else {
    count = await EventModel.countDocuments(filter);
  }
  return countSatisfies(count, condition);
}
