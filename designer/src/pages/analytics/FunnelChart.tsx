import type { JourneyAnalytics } from '@waymark/workflows/api';
import { percent } from './series';

const labels: Record<JourneyAnalytics['funnel'][number]['step'], string> = {
  entered: 'Entered',
  sent: 'Messages sent',
  opened: 'Opened',
  clicked: 'Clicked',
  converted: 'Converted',
};

/** The funnel as bars scaled to the first step, with each step's share of it. */
export function FunnelChart({ funnel }: { funnel: JourneyAnalytics['funnel'] }) {
  const top = Math.max(1, funnel[0]?.count ?? 0);
  return (
    <figure className="analytics__chart" aria-label="Funnel">
      <figcaption>Funnel</figcaption>
      <ol className="funnel">
        {funnel.map((step) => (
          <li key={step.step} className="funnel__step" data-step={step.step}>
            <span className="funnel__label">{labels[step.step]}</span>
            <span className="funnel__bar" style={{ width: `${Math.min(100, (step.count / top) * 100)}%` }} />
            <span className="funnel__count">
              {step.count}
              {step.step !== 'entered' && funnel[0]?.count ? ` (${percent(step.count / top, 0)})` : ''}
            </span>
          </li>
        ))}
      </ol>
    </figure>
  );
}
