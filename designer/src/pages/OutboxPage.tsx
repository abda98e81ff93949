import { channels } from '@waymark/workflows';
import { messageStatuses } from '@waymark/workflows/api';
import { useState } from 'react';
import { useApi, useLoad } from '../api/api-context';
import { ErrorBanner } from '../shell/ErrorBanner';
import { channelNames } from '../steps/summary';
import { statusWords } from '../words/messages';
import { useJourneyNames } from '../words/use-journey-names';
import { MessagesTable } from './MessagesTable';

const channelOptions = ['', ...channels] as const;
const statusOptions = ['', ...messageStatuses] as const;

/** The outbox (delivery log): every message journeys decided to send, filterable. */
export function OutboxPage() {
  const { api } = useApi();
  const { journeys } = useJourneyNames();
  const [filter, setFilter] = useState({ userId: '', journeyId: '', channel: '', status: '' });
  const messages = useLoad(
    () => api.listMessages(filter),
    [api, filter.userId, filter.journeyId, filter.channel, filter.status],
  );
  const set = (key: keyof typeof filter) => (event: { target: { value: string } }) =>
    setFilter({ ...filter, [key]: event.target.value });
  return (
    <section className="page" aria-labelledby="outbox-title">
      <header className="page__header">
        <h1 id="outbox-title">Outbox</h1>
        <button type="button" className="button" onClick={messages.reload}>
          Refresh
        </button>
      </header>
      <div className="filters">
        <input
          className="input"
          aria-label="Person (user id)"
          placeholder="Person (user id)"
          value={filter.userId}
          onChange={set('userId')}
        />
        <select className="input" aria-label="Journey" value={filter.journeyId} onChange={set('journeyId')}>
          <option value="">any journey</option>
          {journeys.map((journey) => (
            <option key={journey.id} value={journey.id}>
              {journey.name}
            </option>
          ))}
        </select>
        <select className="input" aria-label="Channel" value={filter.channel} onChange={set('channel')}>
          {channelOptions.map((c) => (
            <option key={c} value={c}>
              {c ? channelNames[c] : 'any channel'}
            </option>
          ))}
        </select>
        <select className="input" aria-label="Status" value={filter.status} onChange={set('status')}>
          {statusOptions.map((s) => (
            <option key={s} value={s}>
              {s ? statusWords[s] : 'any status'}
            </option>
          ))}
        </select>
      </div>
      {messages.state === 'loading' ? <p role="status">Loading…</p> : null}
      {messages.state === 'error' ? (
        <ErrorBanner message={`Could not load the outbox. ${messages.error.message}`} onRetry={messages.reload} />
      ) : null}
      {messages.state === 'ok' && messages.data.unknown > 0 && filter.status !== 'unknown' ? (
        <p role="alert" className="outbox__unknown">
          {messages.data.unknown === 1 ? '1 message' : `${messages.data.unknown} messages`} may or may not have been
          delivered: the provider call was interrupted.{' '}
          <button
            type="button"
            className="button button--link"
            onClick={() => setFilter({ ...filter, status: 'unknown' })}
          >
            Show them
          </button>
        </p>
      ) : null}
      {messages.state === 'ok' ? <MessagesTable messages={messages.data.messages} /> : null}
    </section>
  );
}
