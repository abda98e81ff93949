import type { ExperimentsReport, HoldoutReport, SplitReport } from '@waymark/workflows/experiments';
import { useState } from 'react';
import { interval, percent } from './series';

export interface ExperimentTablesProps {
  report: ExperimentsReport;
  /** Publishes a version whose split sends everyone down `arm`; resolves to the new version. */
  onDeclareWinner: (nodeId: string, arm: string) => Promise<number>;
}

/** Every split of the version with its arms, and the holdout comparison. */
export function ExperimentTables({ report, onDeclareWinner }: ExperimentTablesProps) {
  if (report.splits.length === 0 && !report.holdout)
    return (
      <p className="analytics__empty">
        Version {report.version} has no split and no holdout: add a split node or a holdout in the journey settings to
        run an experiment.
      </p>
    );
  return (
    <>
      {report.splits.map((split) => (
        <SplitTable key={split.nodeId} split={split} onDeclareWinner={onDeclareWinner} />
      ))}
      {report.holdout ? <HoldoutTable holdout={report.holdout} /> : null}
    </>
  );
}

function SplitTable({
  split,
  onDeclareWinner,
}: {
  split: SplitReport;
  onDeclareWinner: ExperimentTablesProps['onDeclareWinner'];
}) {
  const [step, setStep] = useState<
    | { kind: 'idle' }
    | { kind: 'confirm' }
    | { kind: 'busy' }
    | { kind: 'done'; version: number }
    | { kind: 'error'; message: string }
  >({ kind: 'idle' });
  const declare = async () => {
    if (!split.winner) return;
    setStep({ kind: 'busy' });
    try {
      setStep({ kind: 'done', version: await onDeclareWinner(split.nodeId, split.winner) });
    } catch (error) {
      setStep({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <section className="experiment" aria-label={`Split ${split.nodeId}`}>
      <table className="table experiment__table" data-testid={`split-${split.nodeId}`}>
        <caption>
          Split <code>{split.nodeId}</code> ·{' '}
          {split.mode === 'optimize' ? 'optimized (Thompson sampling)' : 'fixed weights'} ·{' '}
          {split.winner ? (
            split.decided ? (
              <strong>winner: {split.winner}</strong>
            ) : (
              <span>leading: {split.winner} (not decided yet)</span>
            )
          ) : (
            <span>no entries yet</span>
          )}
        </caption>
        <thead>
          <tr>
            <th>Arm</th>
            <th>Entered</th>
            <th>Converted</th>
            <th>Rate</th>
            <th>95% interval</th>
            <th>P(best)</th>
          </tr>
        </thead>
        <tbody>
          {split.arms.map((arm) => (
            <tr key={arm.id} className={arm.id === split.winner ? 'experiment__leader' : undefined} data-arm={arm.id}>
              <td>
                {arm.id}
                {arm.id === split.winner && split.decided ? (
                  <span className="status-badge status-badge--active">winner</span>
                ) : null}
              </td>
              <td>{arm.entered}</td>
              <td>{arm.converted}</td>
              <td>{percent(arm.rate)}</td>
              <td>{interval(arm.ci95)}</td>
              <td>{percent(arm.probabilityBest)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="experiment__actions">
        {step.kind === 'idle' || step.kind === 'error' ? (
          <button
            type="button"
            className="button"
            disabled={!split.winner}
            onClick={() => setStep({ kind: 'confirm' })}
          >
            Declare winner…
          </button>
        ) : null}
        {step.kind === 'confirm' ? (
          <span role="group" aria-label="Confirm the winner">
            Publish a version of the current draft whose split <code>{split.nodeId}</code> sends everyone to{' '}
            <strong>{split.winner}</strong>
            {split.decided ? '' : ' (the experiment is not decided yet)'}?{' '}
            <button type="button" className="button button--primary" onClick={() => void declare()}>
              Publish
            </button>{' '}
            <button type="button" className="button" onClick={() => setStep({ kind: 'idle' })}>
              Cancel
            </button>
          </span>
        ) : null}
        {step.kind === 'busy' ? <span role="status">Publishing…</span> : null}
        {step.kind === 'done' ? (
          <span role="status">
            Published v{step.version}: everyone now takes {split.winner}.
          </span>
        ) : null}
        {step.kind === 'error' ? (
          <span role="alert" className="field__error">
            {step.message}
          </span>
        ) : null}
      </div>
    </section>
  );
}

function HoldoutTable({ holdout }: { holdout: HoldoutReport }) {
  const { uplift } = holdout;
  return (
    <section className="experiment" aria-label="Holdout">
      <table className="table experiment__table" data-testid="holdout">
        <caption>Holdout · {holdout.percent}% control group, sent no message</caption>
        <thead>
          <tr>
            <th>Group</th>
            <th>Entered</th>
            <th>Converted</th>
            <th>Rate</th>
          </tr>
        </thead>
        <tbody>
          <tr data-group="treatment">
            <td>Treatment</td>
            <td>{holdout.treatment.entered}</td>
            <td>{holdout.treatment.converted}</td>
            <td>{percent(holdout.treatment.rate)}</td>
          </tr>
          <tr data-group="control">
            <td>Control</td>
            <td>{holdout.control.entered}</td>
            <td>{holdout.control.converted}</td>
            <td>{percent(holdout.control.rate)}</td>
          </tr>
        </tbody>
      </table>
      <p className="experiment__uplift" data-testid="uplift">
        Uplift: {uplift.abs >= 0 ? '+' : ''}
        {(uplift.abs * 100).toFixed(1)} points (95% interval {(uplift.ci95[0] * 100).toFixed(1)} to{' '}
        {(uplift.ci95[1] * 100).toFixed(1)})
        {uplift.rel === null ? '' : `, ${uplift.rel >= 0 ? '+' : ''}${percent(uplift.rel, 0)} relative`}
      </p>
    </section>
  );
}
