import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { connectStore, syncIndexes } from '../src/models/index.js';
import { pollUntil } from '../src/services/wait.js';

export const shared = () => inject('services');

/** The shared store's URI with a database of its own, so test files never see each other's documents. */
export function isolatedMongoUri(prefix: string): string {
  const url = new URL(shared().mongoUri);
  url.pathname = `/${prefix}-${randomUUID().slice(0, 8)}`;
  return url.toString();
}

/** Connects the store to a database of this test file's own ({@link isolatedMongoUri}), with the models' indexes. */
export async function connectIsolatedStore(prefix: string): Promise<void> {
  await connectStore(isolatedMongoUri(prefix));
  await syncIndexes();
}

/** An email as MailDev's REST API returns it. */
export interface InboxEmail {
  id: string;
  subject: string;
  html: string;
  /** The text part (derived from the HTML when the template has none). */
  text: string;
  to: { address: string }[];
}

/** Polls the shared MailDev inbox until an email to `address` arrives. */
export async function waitForEmailTo(address: string): Promise<InboxEmail> {
  return pollUntil(
    `an email to ${address}`,
    async () =>
      ((await (await fetch(`${shared().inboxUrl}/api/email`)).json()) as InboxEmail[]).find(
        (e) => e.to[0]?.address === address,
      ),
    { timeoutMs: 30_000 },
  );
}

/** The smallest campaign: trigger on `event` -> email -> exit. */
export function emailJourney(event: string, settings: Record<string, unknown> = { reentry: 'always' }) {
  return {
    name: `Email on ${event}`,
    graph: {
      nodes: [
        { id: 't', type: 'trigger', data: { kind: 'event', event } },
        {
          id: 'm',
          type: 'message',
          data: { channel: 'email', template: { subject: 'Hi {{ profile.userId }}', text: 'hello' } },
        },
        { id: 'x', type: 'exit', data: {} },
      ],
      edges: [
        { source: 't', target: 'm' },
        { source: 'm', target: 'x' },
      ],
    },
    settings,
  };
}
