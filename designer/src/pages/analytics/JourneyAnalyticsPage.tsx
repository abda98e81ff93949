import type { AnalyticsBucket } from '@waymark/workflows/api';
import { useState } from 'react';
import { useApi, useLoad } from '../../api/api-context';
import { Link } from '../../router/navigation';
import { paths } from '../../router/routes';
import { ActivityChart, SendsChart } from './ActivityChart';
import { ExperimentTables } from './ExperimentTable';
import { FunnelChart } from './FunnelChart';
import { activityMeasures, sendColumns, toCsv, toRows } from './series';
import './analytics.css';

interface Filters {
  bucket: AnalyticsBucket | '';
  nodeId: string;
  /** `split/arm`, or '' for every entry. */
  arm: string;
}

/** A journey's analytics for one version: activity over time, sends, funnel, experiments, CSV export. */
export function JourneyAnalyticsPage({ journeyId }: { journeyId: string }) {
  const { api } = useApi();
  const journey = useLoad(() => api.getJourney(journeyId), [api, journeyId]);
  const [chosenVersion, setChosenVersion] = useState<number>();
  const version = chosenVersion ?? (journey.state === 'ok' ? (journey.data.version ?? undefined) : undefined);

  if (journey.state === 'loading')
    return (
      <p className="page__message" role="status">
        Loading…
      </p>
    );
  if (journey.state === 'error')
    return (
      <p className="page__message" role="alert">
        {journey.error.message}
      </p>
    );
  return (
    <section className="page" aria-labelledby="analytics-title">
      <header className="page__header">
        <h1 id="analytics-title">Analytics · {journey.data.name}</h1>
        <Link to={paths.journey(journeyId)}>Open in the editor</Link>
      </header>
      {version === undefined ? (
        <p className="analytics__empty">Publish this journey to see its analytics.</p>
      ) : (
        <VersionAnalytics
          key={version}
          journeyId={journeyId}
          version={version}
          versions={journey.data.versions.map((v) => v.version)}
          onVersion={setChosenVersion}
          // Stay on the version whose results led to the decision; the new one joins the list.
          onPublished={() => {
            setChosenVersion(version);
            journey.reload();
          }}
        />
      )}
    </section>
  );
}

function VersionAnalytics({
  journeyId,
  version,
  versions,
  onVersion,
  onPublished,
}: {
  journeyId: string;
  version: number;
  versions: number[];
  onVersion: (v: number) => void;
  onPublished: () => void;
}) {
  const { api } = useApi();
  const [filters, setFilters] = useState<Filters>({ bucket: '', nodeId: '', arm: '' });
  const published = useLoad(() => api.getVersion(journeyId, version), [api, journeyId, version]);
  const experiments = useLoad(() => api.journeyExperiments(journeyId, version), [api, journeyId, version]);
  const [split, arm] = filters.arm ? filters.arm.split('/') : [];
  const series = useLoad(
    () =>
      api.journeyAnalytics(journeyId, {
        version,
        ...(filters.bucket ? { bucket: filters.bucket } : {}),
        ...(filters.nodeId ? { nodeId: filters.nodeId } : {}),
        ...(split && arm ? { split, arm } : {}),
      }),
    [api, journeyId, version, filters.bucket, filters.nodeId, filters.arm],
  );
  const refresh = () => {
    series.reload();
    experiments.reload();
  };

  const messageNodes =
    published.state === 'ok'
      ? published.data.document.graph.nodes.filter((n) => n.type === 'message').map((n) => n.id)
      : [];
  const arms =
    experiments.state === 'ok' ? experiments.data.splits.flatMap((s) => s.arms.map((a) => `${s.nodeId}/${a.id}`)) : [];
  const columns = series.state === 'ok' ? sendColumns(series.data.points) : [];
  const rows = series.state === 'ok' ? toRows(series.data.points, columns) : [];

  const exportCsv = () => {
    const csv = toCsv(rows, ['t', ...activityMeasures.map((m) => m.key), ...columns]);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    link.download = `${journeyId}-v${version}${filters.nodeId ? `-${filters.nodeId}` : ''}${split ? `-${split}-${arm}` : ''}.csv`;
    link.click();
    URL.revokeObjectURL(link.href);
  };
  const declareWinner = async (nodeId: string, winner: string) => {
    const { version: next } = await api.declareWinner(journeyId, nodeId, winner);
    onPublished();
    return next;
  };

  return (
    <>
      <div className="analytics__filters">
        <select
          className="input"
          aria-label="Version"
          value={version}
          onChange={(event) => onVersion(Number(event.target.value))}
        >
          {versions.map((v) => (
            <option key={v} value={v}>
              v{v}
            </option>
          ))}
        </select>
        <select
          className="input"
          aria-label="Bucket"
          value={filters.bucket}
          onChange={(event) => setFilters({ ...filters, bucket: event.target.value as Filters['bucket'] })}
        >
          <option value="">auto bucket</option>
          <option value="hour">per hour</option>
          <option value="day">per day</option>
        </select>
        <select
          className="input"
          aria-label="Message node"
          value={filters.nodeId}
          onChange={(event) => setFilters({ ...filters, nodeId: event.target.value })}
        >
          <option value="">every message node</option>
          {messageNodes.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
        <select
          className="input"
          aria-label="Arm"
          value={filters.arm}
          onChange={(event) => setFilters({ ...filters, arm: event.target.value })}
        >
          <option value="">every arm</option>
          {arms.map((a) => (
            <option key={a} value={a}>
              {a.replace('/', ': ')}
            </option>
          ))}
        </select>
        <button type="button" className="button" onClick={refresh}>
          Refresh
        </button>
        <button type="button" className="button" disabled={rows.length === 0} onClick={exportCsv}>
          Export CSV
        </button>
      </div>
      {series.state === 'error' ? <p role="alert">{series.error.message}</p> : null}
      {series.state === 'loading' ? <p role="status">Loading the time series…</p> : null}
      {series.state === 'ok' ? (
        <div className="analytics__grid">
          <div>
            <ActivityChart rows={rows} bucket={series.data.bucket} />
            <SendsChart rows={rows} columns={columns} bucket={series.data.bucket} />
          </div>
          <FunnelChart funnel={series.data.funnel} />
        </div>
      ) : null}
      <h2>Experiments</h2>
      {experiments.state === 'error' ? <p role="alert">{experiments.error.message}</p> : null}
      {experiments.state === 'ok' ? (
        <ExperimentTables report={experiments.data} onDeclareWinner={declareWinner} />
      ) : null}
    </>
  );
}
