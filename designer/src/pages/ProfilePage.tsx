import { useState } from 'react';
import { useApi, useLoad } from '../api/api-context';
import type { ProfileView } from '@waymark/workflows/api';
import { Link, navigate } from '../router/navigation';
import { paths } from '../router/routes';
import { ErrorBanner } from '../shell/ErrorBanner';
import { builtinCatalog } from '../steps/catalog';
import { valueWords } from '../words/conditions';
import { journeyWords } from '../words/journey-words';
import { browserZone, zonedTimes } from '../words/time';
import { useJourneyNames } from '../words/use-journey-names';
import { MessagesTable } from './MessagesTable';

type Entry = ProfileView['entries'][number];
const catalog = builtinCatalog();

/** What the workflow waits for, in words: "order_completed, until Sat, Jan 2 …", "the time: …". */
function waitingWords(waiting: unknown, zones: Parameters<typeof zonedTimes>[1]): string {
  const wait = (waiting ?? {}) as { event?: string; events?: string[]; until?: string; resend?: boolean };
  const events = wait.events ?? (wait.event ? [wait.event] : []);
  const until = wait.until ? zonedTimes(wait.until, zones) : 'further notice';
  if (wait.resend) return `quiet hours to end to send the message, until ${until}`;
  return events.length ? `${valueWords(events)}, at most until ${until}` : `the time to come: ${until}`;
}

/** One journey the person is in: its name, the step they are at (as the card says it) and what it waits for. */
function EntryLine({
  entry,
  journeyName,
  timezone,
}: {
  entry: Entry;
  journeyName: string;
  timezone: string | undefined;
}) {
  const { api, temporalUiUrl } = useApi();
  const version = useLoad(() => api.getVersion(entry.journeyId, entry.version), [api, entry.journeyId, entry.version]);
  const words = version.state === 'ok' ? journeyWords(version.data.document.graph.nodes, catalog) : undefined;
  const zones = [
    ...(timezone ? [{ label: 'their time', zone: timezone }] : []),
    { label: 'your time', zone: browserZone() },
  ];
  const step = entry.nodeId ? (words?.labelOf(entry.nodeId) ?? 'a step') : 'the start';
  return (
    <li>
      <Link to={paths.journey(entry.journeyId)}>{journeyName}</Link> (version {entry.version}): at{' '}
      <strong>{step}</strong>
      {entry.waiting ? <> · waiting for {waitingWords(entry.waiting, zones)}</> : null} · entered{' '}
      {zonedTimes(entry.enteredAt, zones)} ·{' '}
      {temporalUiUrl ? (
        <a
          href={`${temporalUiUrl}/namespaces/default/workflows/${encodeURIComponent(entry.workflowId)}`}
          target="_blank"
          rel="noreferrer"
        >
          run in the Temporal UI
        </a>
      ) : (
        <>
          run <code>{entry.workflowId}</code>
        </>
      )}
    </li>
  );
}

function ProfileDetails({ profile }: { profile: ProfileView }) {
  const { nameOf } = useJourneyNames();
  const traits = Object.entries({
    email: profile.email,
    phone: profile.phone,
    timezone: profile.timezone,
    ...profile.traits,
  }).filter(([, value]) => value !== undefined);
  return (
    <>
      <h2>Where {profile.userId} is now</h2>
      {profile.entries.length === 0 ? (
        <p>Not in any journey right now.</p>
      ) : (
        <ul className="entries">
          {profile.entries.map((entry) => (
            <EntryLine
              key={entry.workflowId}
              entry={entry}
              journeyName={nameOf(entry.journeyId)}
              timezone={profile.timezone}
            />
          ))}
        </ul>
      )}
      <h2>Traits</h2>
      <table className="table table--compact">
        <tbody>
          {traits.map(([key, value]) => (
            <tr key={key}>
              <th scope="row">{key}</th>
              <td>
                {value !== null && typeof value === 'object' && !Array.isArray(value)
                  ? JSON.stringify(value)
                  : valueWords(value, 'and')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>
        Recent events <small>(your time, {browserZone()})</small>
      </h2>
      <ul>
        {profile.events.map((event, index) => (
          <li key={index}>
            <strong>{event.name}</strong> {new Date(event.timestamp).toLocaleString()}
            {Object.keys(event.properties).length
              ? ` · ${Object.entries(event.properties)
                  .map(([key, value]) => `${key}: ${valueWords(value, 'and')}`)
                  .join(', ')}`
              : ''}
          </li>
        ))}
      </ul>
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
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          if (query.trim()) navigate(paths.profile(query.trim()));
        }}
      >
        <input
          className="input"
          aria-label="User id"
          placeholder="User id, e.g. user-42"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <button type="submit" className="button button--primary">
          Look up
        </button>
      </form>
      {profile.state === 'loading' && userId ? <p role="status">Loading {userId}…</p> : null}
      {profile.state === 'error' ? (
        <ErrorBanner
          message={`Could not load ${userId ?? 'the profile'}. ${profile.error.message}`}
          onRetry={profile.reload}
        />
      ) : null}
      {profile.state === 'ok' && profile.data ? <ProfileDetails profile={profile.data} /> : null}
    </section>
  );
}
