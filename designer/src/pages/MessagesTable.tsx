import type { OutboxMessage } from '../api/types';
import { Link } from '../router/navigation';
import { paths } from '../router/routes';

/** What a marketer recognises a sent message by. */
function headline(rendered: unknown): string {
  const r = (rendered ?? {}) as Record<string, unknown>;
  const text = r.subject ?? r.title ?? r.body ?? r.url;
  return typeof text === 'string' ? text : '';
}

/** Outbox rows: when, who, which journey step, channel, status (with reason) and the rendered headline. */
export function MessagesTable({ messages }: { messages: OutboxMessage[] }) {
  if (messages.length === 0) return <p className="page__message">No messages yet. Messages appear here as journeys send them (in dev, nothing leaves the machine).</p>;
  return (
    <table className="table">
      <thead>
        <tr><th>When</th><th>User</th><th>Journey · step</th><th>Channel</th><th>Status</th><th>Content</th></tr>
      </thead>
      <tbody>
        {messages.map((message) => (
          <tr key={message.id}>
            <td>{new Date(message.createdAt).toLocaleString()}</td>
            <td><Link to={paths.profile(message.userId)}>{message.userId}</Link></td>
            <td>{message.journeyId ? <Link to={paths.journey(message.journeyId)}>{message.journeyId}</Link> : '—'}{message.nodeId ? ` · ${message.nodeId}` : ''}</td>
            <td>{message.channel}</td>
            <td><span className={`status-badge status-badge--${message.status}`}>{message.status}</span>{message.reason ? ` (${message.reason})` : ''}</td>
            <td>{headline(message.rendered)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
