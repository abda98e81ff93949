import { useState } from 'react';
import { useApi, useLoad } from '../api/api-context';
import type { ProfileView } from '../api/types';
import { Link, navigate } from '../router/navigation';
import { paths } from '../router/routes';
import { ErrorBanner } from '../shell/ErrorBanner';
import { MessagesTable } from './MessagesTable';

function ProfileDetails({ profile }: { profile: ProfileView }) {
  const { temporalUiUrl } = useApi();
  return (
    <>
      <h2>Where {profile.userId} is now</h2>
      {profile.entries.length === 0 ? <p>Not in any journey right now.</p> : (
        <ul className="entries">
          {profile.entries.map((entry) => (
            <li key={entry.workflowId}>
              <Link to={paths.journey(entry.journeyId)}>{entry.journeyId}</Link> v{entry.version} · at <code>{entry.nodeId ?? '?'}</code>
              {entry.waiting ? <> · waiting for <code>{JSON.stringify(entry.waiting)}</code></> : null} · entered {new Date(entry.enteredAt).toLocaleString()} ·{' '}
              <a href={`${temporalUiUrl}/namespaces/default/workflows/${encodeURIComponent(entry.workflowId)}`} target="_blank" rel="noreferrer">workflow in Temporal UI</a>
            </li>
          ))}
        </ul>
      )}
      <h2>Traits</h2>
      <pre className="code-block">{JSON.stringify({ email: profile.email, phone: profile.phone, timezone: profile.timezone, ...profile.traits }, null, 2)}</pre>
      <h2>Recent events</h2>
      <ul>{profile.events.map((event, index) => <li key={index}><code>{event.name}</code> {new Date(event.timestamp).toLocaleString()}</li>)}</ul>
      <h2>Messages</h2>
      <MessagesTable messages={profile.messages} />
    </>
  );
}

/** Look a user up: traits, recent events, the journeys they are in (and where), messages sent. */
export function ProfilePage({ userId }: { userId: string | undefined }) {
  const { api } = useApi();
  const [query, setQuery] = useState(userId ?? '');
  const profile = useLoad(() => (userId ? api.getProfile(userId) : Promise.resolve(undefined)), [api, userId]);
  return (
    <section className="page" aria-labelledby="profiles-title">
      <h1 id="profiles-title">Profiles</h1>
      <form className="filters" onSubmit={(event) => { event.preventDefault(); if (query.trim()) navigate(paths.profile(query.trim())); }}>
        <input className="input" aria-label="User id" placeholder="User id, e.g. user-42" value={query} onChange={(event) => setQuery(event.target.value)} />
        <button type="submit" className="button button--primary">Look up</button>
      </form>
      {profile.state === 'loading' && userId ? <p role="status">Loading {userId}…</p> : null}
      {profile.state === 'error' ? <ErrorBanner message={`Could not load ${userId ?? 'the profile'}. ${profile.error.message}`} onRetry={profile.reload} /> : null}
      {profile.state === 'ok' && profile.data ? <ProfileDetails profile={profile.data} /> : null}
    </section>
  );
}
