import type { JourneyStats } from '@waymark/workflows/api';

/** The journey's numbers at a glance: how many entered, are in it now, converted, and the conversion rate. */
export function JourneyResults({ stats, version }: { stats: JourneyStats; version: number | undefined }) {
  const { entered, active, converted } = stats.totals;
  const figures = [
    ['Entered', String(entered)],
    ['In the journey now', String(active)],
    ['Converted', String(converted)],
    ['Conversion rate', entered ? `${Math.round((converted / entered) * 1000) / 10}%` : '—'],
  ];
  return (
    <section className="journey-results" aria-label="Journey results">
      <span className="journey-results__scope">{version ? `Version ${version}` : 'All versions'}</span>
      <dl>
        {figures.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
