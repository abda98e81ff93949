import type { SimulationResult } from '@waymark/workflows';
import { useEditor } from '../../canvas/editor-context';
import { channelNames } from '../../steps/summary';
import { besideField } from '../../words/diagnostics';
import { zonedTimes, type LabelledZone } from '../../words/time';
import { assumedWords, endWords, engagementWords, explainStep } from './step-reasons';

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
  const messageLabel = (nodeId: string) => words.labelOf(nodeId) ?? 'a removed message';
  // Steps and engagements in time order; an engagement at the send's own instant follows the send.
  const entries = [
    ...result.steps.map((step) => ({ at: step.at, step })),
    ...result.engagements.flatMap((engagement) => (engagement.at ? [{ at: engagement.at, engagement }] : [])),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const neverHappened = result.engagements.filter((engagement) => !engagement.at);
  return (
    <div className="simulator__result" aria-label="Simulation timeline">
      {result.errors?.length ? (
        <p className="field__error" role="alert">
          The journey has errors to fix first: {besideField(result.errors[0]!)}
        </p>
      ) : null}
      <ol className="timeline">
        {entries.map((entry, index) =>
          'step' in entry ? (
            <li key={index}>
              <time dateTime={entry.at}>{zonedTimes(entry.at, zones)}</time>
              <strong className="timeline__step">{words.labelOf(entry.step.nodeId) ?? 'A removed step'}</strong>
              <span className="timeline__why">
                {explainStep(entry.step.outcome, nodes.get(entry.step.nodeId), words)}
              </span>
              {entry.step.assumedAllowed ? (
                <span className="timeline__why">{assumedWords(entry.step.assumedAllowed)}</span>
              ) : null}
              {result.messages
                .filter((m) => m.nodeId === entry.step.nodeId && m.at === entry.at)
                .map((m, i) => (
                  <SimulatedMessage key={i} message={m} />
                ))}
            </li>
          ) : (
            <li key={index} className="timeline__engagement">
              <time dateTime={entry.at}>{zonedTimes(entry.at, zones)}</time>
              <span className="timeline__why">
                {engagementWords(entry.engagement, messageLabel(entry.engagement.nodeId))}
              </span>
            </li>
          ),
        )}
      </ol>
      {neverHappened.map((engagement, index) => (
        <p key={index} className="simulator__never" role="note">
          {engagementWords(engagement, messageLabel(engagement.nodeId))}
        </p>
      ))}
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
