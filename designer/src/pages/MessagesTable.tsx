import type { OutboxMessage } from '@waymark/workflows/api';
import { Link } from '../router/navigation';
import { paths } from '../router/routes';
import { channelNames } from '../steps/summary';
import { reasonText, renderedHeadline, statusWords } from '../words/messages';
import { browserZone } from '../words/time';
import { useJourneyNames } from '../words/use-journey-names';

/** Outbox rows: when, who, which journey (by name), channel, status (with the reason in words) and the headline. */
export function MessagesTable({ messages }: { messages: OutboxMessage[] }) {
  const { nameOf } = useJourneyNames();
  if (messages.length === 0)
    return (
      <p className="page__message">
        No messages yet. Messages appear here as journeys send them (in dev, nothing leaves the machine).
      </p>
    );
  return (
    <table className="table">
      <thead>
        <tr>
          <th>When (your time, {browserZone()})</th>
          <th>Person</th>
          <th>Journey</th>
          <th>Channel</th>
          <th>Status</th>
          <th>Content</th>
        </tr>
      </thead>
      <tbody>
        {messages.map((message) => (
          <tr key={message.id}>
            <td>{new Date(message.createdAt).toLocaleString()}</td>
            <td>
              <Link to={paths.profile(message.userId)}>{message.userId}</Link>
            </td>
            <td>
              {message.journeyId ? <Link to={paths.journey(message.journeyId)}>{nameOf(message.journeyId)}</Link> : '—'}
            </td>
            <td>{channelNames[message.channel] ?? message.channel}</td>
            <td>
              <span className={`status-badge status-badge--${message.status}`}>
                {statusWords[message.status] ?? message.status}
              </span>
              {message.reason ? `: ${reasonText(message.reason)}` : ''}
            </td>
            <td>{renderedHeadline(message.rendered)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
