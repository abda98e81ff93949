import type { EngagementStatus } from '@waymark/workflows';
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useEditor } from '../../canvas/editor-context';
import { registryOf } from '../../validation/step-registry';
import { describeCondition } from '../../words/conditions';
import { browserZone, zonedTimes } from '../../words/time';
import { PropertiesEditor } from '../PropertiesEditor';
import { parseJsonObject, useSampleContext } from '../sample-context';
import { SampleProfileLoader } from '../SampleProfileLoader';
import { DurationInput } from '../schema-form/DurationInput';
import { passesTriggerFilter, prefillEntryEvent, propertiesFromFilter } from './entry-event';
import { engagementEvent, runSimulation, type ScriptedEvent } from './run-simulation';
import { useSimulatorState } from './simulator-state';
import { SimulationTimeline } from './SimulationTimeline';

const engagements: EngagementStatus[] = ['opened', 'clicked', 'delivered'];
const engagementVerbs: Record<EngagementStatus, string> = { opened: 'Opens', clicked: 'Clicks', delivered: 'Receives' };
const PUSH_DEVICE = [{ platform: 'fcm', token: 'simulated-device' }];

/** What a scripted row is, as its select says it: an event, or engaging with one message. */
const choiceOf = (event: ScriptedEvent) =>
  event.engagement ? `${event.engagement.status}:${event.engagement.nodeId}` : 'event';

/** Walks a test person through the draft on a virtual clock; the path lights up on the canvas, each step says why. */
export function SimulatorPanel() {
  const { store, catalog, setHighlight, journeyId, words } = useEditor();
  const triggerData = useStore(store, (state) => state.nodes.find((node) => node.type === 'trigger')?.data);
  // Only an event trigger has an entry event and a filter (`where`) to prefill it from.
  const trigger = triggerData?.kind === 'event' ? triggerData : undefined;
  const journeyZone = useStore(store, (state) =>
    typeof state.settings.timezone === 'string' ? state.settings.timezone : undefined,
  );
  const { profileText, eventText, setProfileText, setEventText } = useSampleContext();
  const { start, events, outcome, set, openFor } = useSimulatorState();
  const profile = parseJsonObject(profileText);
  const entry = parseJsonObject(eventText);
  const entryEvent = {
    name: String(entry.ok ? (entry.value.name ?? '') : ''),
    properties: ((entry.ok ? entry.value.properties : undefined) ?? {}) as Record<string, unknown>,
  };
  const eventTrigger = trigger !== undefined;

  useEffect(() => openFor(journeyId), [journeyId, openFor]);
  // The entry event follows the trigger: its event name, and properties that pass its filter.
  useEffect(() => {
    if (eventTrigger && entry.ok) setEventText(JSON.stringify(prefillEntryEvent(trigger, entry.value), null, 2));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a trigger change refills the entry event, not the user's edits.
  }, [eventTrigger, trigger?.event, JSON.stringify(trigger?.where)]);

  const setEntry = (patch: Partial<typeof entryEvent>) =>
    setEventText(JSON.stringify({ ...entryEvent, ...patch }, null, 2));
  const setProfile = (value: Record<string, unknown>) => setProfileText(JSON.stringify(value, null, 2));
  const setEvents = (next: ScriptedEvent[]) => set({ events: next });
  const setEvent = (index: number, patch: Partial<ScriptedEvent>) =>
    setEvents(events.map((event, i) => (i === index ? { ...event, ...patch } : event)));
  // An engagement keeps its timing when switched to another message; from an event it starts "as soon as it is sent".
  const choose = (index: number, choice: string) => {
    const [status, nodeId] = choice.split(':');
    const { after, engagement } = events[index]!;
    const chosen = nodeId
      ? engagementEvent(nodeId, status as EngagementStatus, engagement ? after : '')
      : { name: '', after: (!engagement && after) || 'PT1H', properties: {} };
    setEvents(events.map((event, i) => (i === index ? chosen : event)));
  };

  // A cleared date field means "now", not a crash.
  const startIso = Number.isNaN(Date.parse(start)) ? new Date().toISOString() : new Date(start).toISOString();
  const passes =
    profile.ok && passesTriggerFilter(eventTrigger ? trigger?.where : undefined, entryEvent, profile.value, startIso);
  const run = () => {
    if (!profile.ok) return set({ outcome: { failure: `The test profile ${profile.message}` } });
    if (!passes) {
      setHighlight(null);
      return set({ outcome: { filtered: true } });
    }
    const { result, highlight } = runSimulation(store.getState().toDocument(), registryOf(catalog), {
      profile: profile.value,
      trigger: { name: entryEvent.name || 'simulated', properties: entryEvent.properties },
      start: startIso,
      events,
    });
    setHighlight(highlight);
    set({ outcome: result });
  };
  const zones = [
    ...(profile.ok && typeof profile.value.timezone === 'string'
      ? [{ label: 'their time', zone: profile.value.timezone }]
      : []),
    { label: 'journey time', zone: journeyZone ?? 'UTC' },
    { label: 'your time', zone: browserZone() },
  ];

  return (
    <section className="simulator" aria-label="Simulator">
      <h3 className="simulator__heading">Test person</h3>
      {profile.ok ? (
        <>
          <PropertiesEditor label="Profile" value={profile.value} onChange={setProfile} hidden={['devices']} />
          <label className="field field--inline">
            <input
              type="checkbox"
              checked={Array.isArray(profile.value.devices) && profile.value.devices.length > 0}
              onChange={(event) => setProfile({ ...profile.value, devices: event.target.checked ? PUSH_DEVICE : [] })}
            />
            Has the app (can get push)
          </label>
        </>
      ) : (
        <p className="field__error" role="alert">
          The test profile {profile.message}
        </p>
      )}
      <SampleProfileLoader />

      <h3 className="simulator__heading">Enters with</h3>
      {eventTrigger ? (
        <p className="simulator__entry">
          The event <strong>{entryEvent.name || '…'}</strong>
          {trigger?.where ? <> (the trigger needs {describeCondition(trigger.where, words)})</> : null}
        </p>
      ) : null}
      <PropertiesEditor
        label="Event properties"
        value={entryEvent.properties}
        onChange={(properties) => setEntry({ properties })}
      />
      {eventTrigger && trigger?.where ? (
        <>
          <p className={`simulator__filter simulator__filter--${passes ? 'pass' : 'fail'}`} role="status">
            {passes
              ? '✓ This event passes the trigger’s filter: the person enters.'
              : '✗ This event does not pass the trigger’s filter: the person would not enter.'}
          </p>
          <button
            type="button"
            className="button button--link"
            onClick={() =>
              setEntry({ properties: { ...entryEvent.properties, ...propertiesFromFilter(trigger.where) } })
            }
          >
            Fill in values that pass the filter
          </button>
        </>
      ) : null}
      <label className="field__label" htmlFor="sim-start">
        Enters at (your time, {browserZone()})
      </label>
      <input
        id="sim-start"
        className="input"
        type="datetime-local"
        value={start}
        onChange={(e) => set({ start: e.target.value })}
      />
      <p className="simulator__clock">That is {zonedTimes(startIso, zones)}.</p>

      <fieldset className="field-group">
        <legend className="field-group__legend">Then the person</legend>
        {events.map((event, index) => (
          <div key={index} className="simulator__event">
            <select
              className="input"
              aria-label={`Step ${index + 1}: what they do`}
              value={choiceOf(event)}
              onChange={(e) => choose(index, e.target.value)}
            >
              <option value="event">Does an event…</option>
              {words.messages.flatMap((message) =>
                engagements.map((status) => (
                  <option key={`${status}:${message.id}`} value={`${status}:${message.id}`}>
                    {engagementVerbs[status]} {message.label}
                  </option>
                )),
              )}
            </select>
            {event.engagement ? null : (
              <input
                className="input"
                aria-label={`Step ${index + 1}: event name`}
                list="journey-event-names"
                placeholder="order_completed"
                value={event.name}
                onChange={(e) => setEvent(index, { name: e.target.value })}
              />
            )}
            {event.engagement ? (
              <select
                className="input"
                aria-label={`Step ${index + 1}: when`}
                value={event.after ? 'later' : 'at once'}
                onChange={(e) => setEvent(index, { after: e.target.value === 'later' ? 'PT1H' : '' })}
              >
                <option value="at once">as soon as it is sent</option>
                <option value="later">some time after it is sent</option>
              </select>
            ) : null}
            {event.engagement && !event.after ? null : (
              <>
                <span>after</span>
                <DurationInput
                  label={`Step ${index + 1}: after`}
                  value={event.after}
                  onChange={(after) => setEvent(index, { after: after ?? 'PT1H' })}
                />
                <span>{event.engagement ? 'from when it is sent' : 'from entering'}</span>
              </>
            )}
            <button
              type="button"
              className="button button--small"
              aria-label={`Remove step ${index + 1}`}
              onClick={() => setEvents(events.filter((_, i) => i !== index))}
            >
              ✕
            </button>
            {event.engagement ? null : (
              <PropertiesEditor
                label={`Step ${index + 1}: properties`}
                value={event.properties}
                onChange={(properties) => setEvent(index, { properties })}
              />
            )}
          </div>
        ))}
        <button
          type="button"
          className="button button--link"
          onClick={() => setEvents([...events, { name: '', after: 'PT1H', properties: {} }])}
        >
          + Add what they do
        </button>
      </fieldset>
      <div className="simulator__actions">
        <button type="button" className="button button--primary" onClick={run}>
          Run simulation
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            setHighlight(null);
            set({ outcome: undefined });
          }}
        >
          Clear
        </button>
      </div>
      {outcome && 'failure' in outcome ? (
        <p className="field__error" role="alert">
          {outcome.failure}
        </p>
      ) : null}
      {outcome && 'filtered' in outcome ? (
        <p className="field__error" role="alert">
          The person does not enter: the entry event does not pass the trigger’s filter (
          {describeCondition(trigger?.where, words)}).
        </p>
      ) : null}
      {outcome && 'steps' in outcome ? <SimulationTimeline result={outcome} zones={zones} /> : null}
    </section>
  );
}
