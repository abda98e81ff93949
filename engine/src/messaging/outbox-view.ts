import type { messagesQuery } from '@waymark/workflows/api';
import type { z } from 'zod';
import { MessageModel, outboxRow } from '../models/index.js';

/** The newest messages matching the filter, and how many (status aside) have an unknown delivery. */
export async function listOutbox(filter: Omit<z.output<typeof messagesQuery>, 'limit'>, limit: number) {
  const { status: _status, ...scope } = filter;
  const [messages, unknown] = await Promise.all([
    MessageModel.find(filter).sort({ createdAt: -1 }).limit(limit).lean(),
    // Sends interrupted inside a provider that cannot dedupe a retry: ops must check them by hand.
    MessageModel.countDocuments({ ...scope, status: 'unknown' }),
  ]);
  return { messages: messages.map(outboxRow), unknown };
}
