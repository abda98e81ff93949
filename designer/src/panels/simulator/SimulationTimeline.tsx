import type { SimulationResult } from '@waymark/workflows';
import { useEditor } from '../../canvas/editor-context';
import { channelNames } from '../../steps/summary';
import { besideField } from '../../words/diagnostics';
import { zonedTimes, type LabelledZone } from '../../words/time';
import { assumedWords, endWords, explainStep } from './step-reasons';

const text = (value: unknown) =>
  typeof value === 'string'
    ? value
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
    : '';

/** A simulated message as the person would read it: headline and text, or why it could not be filled in. */
function SimulatedMessage({ message }: { message: SimulationResult['messages'][number] }) {
  const r = (message.rendered ?? {}) as Record<string, unknown>;
  if (message.errors?.length)
    return (
      <p className="field__error">{message.errors.map((error) => `${error.field}: ${error.message}`).join('; ')}</p>
    );
  return (
    <blockquote className="timeline__message">
      <strong>
        {channelNames[message.channel]}: {text(r.subject ?? r.title ?? '')}
      </strong>
      <span>{text(r.body ?? r.text ?? r.html ?? r.url)}</span>
    </blockquote>
  );
}

/** Every step the test person went through: when (on each clock that matters), which step, and why. */
export function SimulationTimeline({ result, zones }: { result: SimulationResult; zones: readonly LabelledZone[] }) {
  const { store, words } = useEditor();
  const nodes = new Map(store.getState().nodes.map((node) => [node.id, node]));
  return (
    <div className="simulator__result" aria-label="Simulation timeline">
      {result.errors?.length ? (
        <p className="field__error" role="alert">
          The journey has errors to fix first: {besideField(result.errors[0]!)}
        </p>
      ) : null}
      <ol className="timeline">
        {result.steps.map((step, index) => (
          <li key={index}>
            <time dateTime={step.at}>{zonedTimes(step.at, zones)}</time>
            <strong className="timeline__step">{words.labelOf(step.nodeId) ?? 'A removed step'}</strong>
            <span className="timeline__why">{explainStep(step.outcome, nodes.get(step.nodeId), words)}</span>
            {step.assumedAllowed ? <span className="timeline__why">{assumedWords(step.assumedAllowed)}</span> : null}
            {result.messages
              .filter((m) => m.nodeId === step.nodeId && m.at === step.at)
              .map((m, i) => (
                <SimulatedMessage key={i} message={m} />
              ))}
          </li>
        ))}
      </ol>
      <p className="simulator__end">
        {endWords[result.end.reason] ?? result.end.reason}
        {result.end.until ? ` until ${zonedTimes(result.end.until, zones)}` : ''}
        {result.conversions.length
          ? `. Converted: ${result.conversions[0]!.event} at ${zonedTimes(result.conversions[0]!.at, zones)}`
          : ''}
        .
      </p>
    </div>
  );
}
