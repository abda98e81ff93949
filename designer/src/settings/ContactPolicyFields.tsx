import {
  channels,
  personChannels,
  type Channel,
  type FrequencyCap,
  type PersonChannel,
  type QuietHours,
} from '@waymark/workflows';
import type { SettingsUpdate } from '@waymark/workflows/api';
import { DurationInput } from '../panels/schema-form/DurationInput';
import { Field, FieldGroup } from '../panels/schema-form/Field';

type ContactPolicy = SettingsUpdate['contactPolicy'];

export interface ContactPolicyFieldsProps {
  value: ContactPolicy;
  onChange: (value: ContactPolicy) => void;
}

const newQuietHours: QuietHours = { start: '21:00', end: '08:00', action: 'defer' };
const newCap: FrequencyCap = { channel: 'all', limit: 3, within: 'P1D' };
const base = 'contactPolicy';

function QuietHoursFields({
  value,
  onChange,
}: {
  value: QuietHours | undefined;
  onChange: (value: QuietHours | undefined) => void;
}) {
  const path = `${base}.quietHours`;
  // No list means every person channel (the engine's default); webhooks reach systems and are never quiet.
  const covered: readonly PersonChannel[] = value?.channels ?? personChannels;
  const toggleChannel = (channel: PersonChannel, on: boolean) =>
    value && onChange({ ...value, channels: personChannels.filter((c) => (c === channel ? on : covered.includes(c))) });
  return (
    <FieldGroup label="Quiet hours" path={path}>
      <label className="field--inline">
        <input
          type="checkbox"
          checked={value !== undefined}
          onChange={(event) => onChange(event.target.checked ? newQuietHours : undefined)}
        />{' '}
        No messages during quiet hours (each user's time zone)
      </label>
      {value ? (
        <>
          <Field label="From" path={`${path}.start`}>
            {(id) => (
              <input
                id={id}
                className="input"
                type="time"
                value={value.start}
                onChange={(event) => onChange({ ...value, start: event.target.value })}
              />
            )}
          </Field>
          <Field label="Until" path={`${path}.end`}>
            {(id) => (
              <input
                id={id}
                className="input"
                type="time"
                value={value.end}
                onChange={(event) => onChange({ ...value, end: event.target.value })}
              />
            )}
          </Field>
          <FieldGroup label="During quiet hours" path={`${path}.action`}>
            {(['defer', 'skip'] as const).map((action) => (
              <label key={action} className="field--inline">
                <input
                  type="radio"
                  name="quiet-hours-action"
                  checked={value.action === action}
                  onChange={() => onChange({ ...value, action })}
                />{' '}
                {action === 'defer' ? 'Send when they end' : 'Skip the message'}
              </label>
            ))}
          </FieldGroup>
          <FieldGroup label="Channels" path={`${path}.channels`}>
            {personChannels.map((channel) => (
              <label key={channel} className="field--inline">
                <input
                  type="checkbox"
                  checked={covered.includes(channel)}
                  onChange={(event) => toggleChannel(channel, event.target.checked)}
                />{' '}
                {channel}
              </label>
            ))}
          </FieldGroup>
        </>
      ) : null}
    </FieldGroup>
  );
}

function FrequencyCapsFields({
  value,
  onChange,
}: {
  value: FrequencyCap[];
  onChange: (value: FrequencyCap[]) => void;
}) {
  const path = `${base}.frequencyCaps`;
  const setCap = (index: number, cap: FrequencyCap) => onChange(value.map((old, i) => (i === index ? cap : old)));
  return (
    <FieldGroup
      label="Frequency caps"
      path={path}
      actions={
        <button type="button" className="button button--small" onClick={() => onChange([...value, newCap])}>
          Add cap
        </button>
      }
    >
      {value.length === 0 ? <p className="field__hint">No caps: journeys send as often as they are built to.</p> : null}
      {value.map((cap, index) => (
        <FieldGroup
          key={index}
          label={`Cap ${index + 1}`}
          path={`${path}.${index}`}
          actions={
            <button
              type="button"
              className="button button--small"
              onClick={() => onChange(value.filter((_, i) => i !== index))}
            >
              Remove cap {index + 1}
            </button>
          }
        >
          <Field label="Channel" path={`${path}.${index}.channel`}>
            {(id) => (
              <select
                id={id}
                className="input"
                value={cap.channel}
                onChange={(event) => setCap(index, { ...cap, channel: event.target.value as FrequencyCap['channel'] })}
              >
                <option value="all">All channels</option>
                {personChannels.map((channel) => (
                  <option key={channel} value={channel}>
                    {channel}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="At most" path={`${path}.${index}.limit`}>
            {(id) => (
              <input
                id={id}
                className="input input--amount"
                type="number"
                min={1}
                value={Number.isFinite(cap.limit) ? cap.limit : ''}
                onChange={(event) => setCap(index, { ...cap, limit: event.target.valueAsNumber })}
              />
            )}
          </Field>
          <Field label="Within" path={`${path}.${index}.within`}>
            {(id) => (
              <DurationInput
                id={id}
                label={`Cap ${index + 1} window`}
                value={cap.within || undefined}
                onChange={(within) => setCap(index, { ...cap, within: within ?? '' })}
              />
            )}
          </Field>
        </FieldGroup>
      ))}
    </FieldGroup>
  );
}

function ThrottleFields({
  value,
  onChange,
}: {
  value: ContactPolicy['throttle'];
  onChange: (value: ContactPolicy['throttle']) => void;
}) {
  const path = `${base}.throttle`;
  const set = (channel: Channel, perSecond: number) => {
    const { [channel]: _dropped, ...others } = value;
    onChange(Number.isFinite(perSecond) ? { ...others, [channel]: perSecond } : others);
  };
  return (
    <FieldGroup label="Throttle (sends per second, empty = unlimited)" path={path}>
      {channels.map((channel) => (
        <Field key={channel} label={`${channel} per second`} path={`${path}.${channel}`}>
          {(id) => (
            <input
              id={id}
              className="input input--amount"
              type="number"
              step="any"
              value={value[channel] ?? ''}
              onChange={(event) => set(channel, event.target.valueAsNumber)}
            />
          )}
        </Field>
      ))}
    </FieldGroup>
  );
}

/** Quiet hours, frequency caps and throttle: the rules every journey's sends go through. */
export function ContactPolicyFields({ value, onChange }: ContactPolicyFieldsProps) {
  return (
    <>
      <QuietHoursFields
        value={value.quietHours}
        onChange={(quietHours) => {
          const { quietHours: _old, ...rest } = value;
          onChange(quietHours ? { ...rest, quietHours } : rest);
        }}
      />
      <FrequencyCapsFields
        value={value.frequencyCaps}
        onChange={(frequencyCaps) => onChange({ ...value, frequencyCaps })}
      />
      <ThrottleFields value={value.throttle} onChange={(throttle) => onChange({ ...value, throttle })} />
    </>
  );
}
