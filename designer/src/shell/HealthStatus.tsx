import type { HealthState } from './use-health';

const labels = { temporal: 'Temporal', store: 'Store', smtp: 'SMTP' } as const;

/** One badge per engine dependency; the title carries the target and any error. */
export function HealthStatus({ state }: { state: HealthState }) {
  if (state.kind === 'loading') return <p role="status">Checking the engine…</p>;
  if (state.kind === 'unreachable')
    return (
      <p role="status" className="health health--down">
        Engine unreachable: {state.message}
      </p>
    );
  if (!state.report.dependencies)
    return (
      <p role="status" className="health">
        Engine: {state.report.status}
      </p>
    );
  return (
    <ul className="health" aria-label="Engine dependencies">
      {Object.entries(state.report.dependencies).map(([name, dependency]) => (
        <li
          key={name}
          className={`health__item health__item--${dependency.status}`}
          title={dependency.error ?? dependency.target}
        >
          {labels[name as keyof typeof labels] ?? name}: {dependency.status}
        </li>
      ))}
    </ul>
  );
}
