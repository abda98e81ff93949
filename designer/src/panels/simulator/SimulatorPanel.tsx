import { useState } from 'react';
import { useStore } from 'zustand';
import { useEditor } from '../../canvas/editor-context';
import { registryOf } from '../../validation/step-registry';
import { DurationInput } from '../schema-form/DurationInput';
import { parseJsonObject, useSampleContext } from '../sample-context';
import { SampleProfileLoader } from '../SampleProfileLoader';
import { runSimulation, type ScriptedEvent } from './run-simulation';

const localInputValue = (date: Date) => new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/** The properties of a scripted event, as JSON (what `where` filters and Liquid see). */
function EventProperties({ index, onChange }: { index: number; onChange: (properties: Record<string, unknown>) => void }) {
  const [text, setText] = useState('{}');
  const parsed = parseJsonObject(text);
  return (
    <span className="simulator__properties">
      <input className="input input--code" aria-label={`Event ${index + 1} properties`} value={text} onChange={(event) => {
        setText(event.target.value);
        const next = parseJsonObject(event.target.value);
        if (next.ok) onChange(next.value);
      }} />
      {parsed.ok ? null : <span className="field__error">{parsed.message}</span>}
    </span>
  );
}

/** Walks the sample profile through the draft on a virtual clock; the path lights up on the canvas. */
export function SimulatorPanel() {
  const { store, catalog, setHighlight } = useEditor();
  const triggerEvent = useStore(store, (state) => state.nodes.find((node) => node.type === 'trigger')?.data.event);
  const { profileText, eventText, setProfileText } = useSampleContext();
  const [start, setStart] = useState(() => localInputValue(new Date()));
  const [events, setEvents] = useState<ScriptedEvent[]>([]);
  const [outcome, setOutcome] = useState<ReturnType<typeof runSimulation>['result'] | { failure: string }>();

  const run = () => {
    const profile = parseJsonObject(profileText);
    const event = parseJsonObject(eventText);
    if (!profile.ok) return setOutcome({ failure: `Profile ${profile.message}` });
    if (!event.ok) return setOutcome({ failure: `Event ${event.message}` });
    const trigger = { name: typeof triggerEvent === 'string' && triggerEvent ? triggerEvent : String(event.value.name ?? 'simulated'), properties: (event.value.properties as Record<string, unknown>) ?? {} };
    const { result, highlight } = runSimulation(store.getState().toDocument(), registryOf(catalog), { profile: profile.value, trigger, start: new Date(start).toISOString(), events });
    setHighlight(highlight);
    setOutcome(result);
  };
  const setEvent = (index: number, patch: Partial<ScriptedEvent>) => setEvents(events.map((event, i) => (i === index ? { ...event, ...patch } : event)));

  return (
    <section className="simulator" aria-label="Simulator">
      <label className="field__label" htmlFor="sim-profile">Test profile (JSON)</label>
      <textarea id="sim-profile" className="input input--code" rows={5} value={profileText} onChange={(e) => setProfileText(e.target.value)} />
      <SampleProfileLoader />
      <label className="field__label" htmlFor="sim-start">Enters at</label>
      <input id="sim-start" className="input" type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} />
      <fieldset className="field-group">
        <legend className="field-group__legend">Then the user does</legend>
        {events.map((event, index) => (
          <div key={index} className="simulator__event">
            <input className="input" aria-label={`Event ${index + 1} name`} list="journey-event-names" placeholder="order_completed" value={event.name} onChange={(e) => setEvent(index, { name: e.target.value })} />
            <span>after</span>
            <DurationInput label={`Event ${index + 1} after`} value={event.after} onChange={(after) => setEvent(index, { after: after ?? 'PT1H' })} />
            <button type="button" className="button button--small" aria-label={`Remove event ${index + 1}`} onClick={() => setEvents(events.filter((_, i) => i !== index))}>✕</button>
            <EventProperties index={index} onChange={(properties) => setEvent(index, { properties })} />
          </div>
        ))}
        <button type="button" className="button button--link" onClick={() => setEvents([...events, { name: '', after: 'PT1H', properties: {} }])}>+ Add event</button>
      </fieldset>
      <div className="simulator__actions">
        <button type="button" className="button button--primary" onClick={run}>Run simulation</button>
        <button type="button" className="button" onClick={() => { setHighlight(null); setOutcome(undefined); }}>Clear</button>
      </div>
      {outcome && 'failure' in outcome ? <p className="field__error" role="alert">{outcome.failure}</p> : null}
      {outcome && 'steps' in outcome ? (
        <div className="simulator__result" aria-label="Simulation timeline">
          {outcome.errors?.length ? <p className="field__error" role="alert">The journey does not compile yet: {outcome.errors[0]!.message}</p> : null}
          <ol className="timeline">
            {outcome.steps.map((step, index) => (
              <li key={index}>
                <time dateTime={step.at}>{new Date(step.at).toLocaleString()}</time> <strong>{step.nodeId}</strong> {step.outcome}
                {outcome.messages.filter((m) => m.nodeId === step.nodeId && m.at === step.at).map((m, i) => (
                  <pre key={i} className="timeline__message">{m.channel}: {JSON.stringify(m.rendered, null, 1)}</pre>
                ))}
              </li>
            ))}
          </ol>
          <p className="simulator__end">Ends: {outcome.end.reason}{outcome.end.until ? ` until ${new Date(outcome.end.until).toLocaleString()}` : ''}{outcome.conversions.length ? ` · converted (${outcome.conversions[0]!.event})` : ''}</p>
        </div>
      ) : null}
    </section>
  );
}
