import { useState } from 'react';
import { useApi, useLoad } from '../api/api-context';
import { Link, navigate } from '../router/navigation';
import { paths } from '../router/routes';
import { ErrorBanner } from '../shell/ErrorBanner';

/** Every journey with its status, published version and how many entered and converted. */
export function JourneysPage() {
  const { api } = useApi();
  const journeys = useLoad(() => api.listJourneys(), [api]);
  const [failure, setFailure] = useState<string>();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  // The journey's id is made from its name once, at creation: asking for the name first means the id
  // people see in URLs and exports follows it, not "untitled-journey-4ada70".
  const create = async () => {
    try {
      const created = await api.createJourney({ name: name.trim(), graph: { nodes: [], edges: [] }, settings: {} });
      navigate(paths.journey(created.id));
    } catch (error) {
      setFailure(`Could not create a journey: ${(error as Error).message}.`);
    }
  };
  const remove = async (id: string, name: string) => {
    if (!window.confirm(`Delete the draft "${name}"? It was never published; this cannot be undone.`)) return;
    try {
      await api.deleteJourney(id);
      journeys.reload();
    } catch (error) {
      setFailure((error as Error).message);
    }
  };
  return (
    <section className="page" aria-labelledby="journeys-title">
      <header className="page__header">
        <h1 id="journeys-title">Journeys</h1>
        <button type="button" className="button button--primary" onClick={() => setNaming(true)}>
          New journey
        </button>
      </header>
      {naming ? (
        <form
          className="filters new-journey"
          onSubmit={(event) => {
            event.preventDefault();
            if (name.trim()) void create();
          }}
        >
          <label htmlFor="new-journey-name">Name the journey</label>
          <input
            id="new-journey-name"
            className="input"
            autoFocus
            placeholder="e.g. Cart reminder"
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
          <button type="submit" className="button button--primary" disabled={!name.trim()}>
            Create
          </button>
          <button type="button" className="button" onClick={() => setNaming(false)}>
            Cancel
          </button>
        </form>
      ) : null}
      {failure ? (
        <p className="field__error" role="alert">
          {failure} <Link to={paths.newJourney}>Open a blank canvas</Link>
        </p>
      ) : null}
      {journeys.state === 'loading' ? <p role="status">Loading journeys…</p> : null}
      {journeys.state === 'error' ? (
        <ErrorBanner message={`Could not load the journeys. ${journeys.error.message}`} onRetry={journeys.reload}>
          <span>
            You can still <Link to={paths.newJourney}>draw a journey on a blank canvas</Link>.
          </span>
        </ErrorBanner>
      ) : null}
      {journeys.state === 'ok' && journeys.data.length === 0 ? (
        <div className="empty-state">
          <h2>No journeys yet</h2>
          <p>
            A journey starts with a trigger — the event that brings someone in, such as <code>added_to_cart</code> —
            then waits, branches and sends messages.
          </p>
          <button type="button" className="button button--primary" onClick={() => setNaming(true)}>
            Start with a trigger
          </button>
        </div>
      ) : null}
      {journeys.state === 'ok' && journeys.data.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Status</th>
              <th>Version</th>
              <th>Entered</th>
              <th>Converted</th>
              <th>Updated</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {journeys.data.map((journey) => (
              <tr key={journey.id}>
                <td>
                  <Link to={paths.journey(journey.id)}>{journey.name}</Link>
                </td>
                <td>
                  <span className={`status-badge status-badge--${journey.status}`}>{journey.status}</span>
                </td>
                <td>{journey.version ? `v${journey.version}` : '—'}</td>
                <td>{journey.entered}</td>
                <td>
                  {journey.converted}
                  {journey.entered ? ` (${Math.round((journey.converted / journey.entered) * 100)}%)` : ''}
                </td>
                <td>{new Date(journey.updatedAt).toLocaleString()}</td>
                <td>
                  {journey.version === null ? (
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => void remove(journey.id, journey.name)}
                    >
                      Delete
                    </button>
                  ) : (
                    <Link to={paths.journeyAnalytics(journey.id)}>Analytics</Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
