import { useRef, useState } from 'react';
import { channels, type Channel } from '@waymark/workflows';
import type { ProviderSetting, SettingsUpdate } from '@waymark/workflows/api';
import { Field, FieldGroup } from '../panels/schema-form/Field';
import { configKeys, isObjectValued, isSecret, MASKED_SECRET, providersByChannel } from './providers';

type Providers = SettingsUpdate['providers'];

/** An object-valued config entry (push credentials) as JSON; the value changes only once the text parses. */
function JsonValueInput({ id, value, onChange }: { id: string; value: unknown; onChange: (value: unknown) => void }) {
  const [text, setText] = useState(value === undefined ? '' : JSON.stringify(value, null, 2));
  const [invalid, setInvalid] = useState(false);
  const edit = (next: string) => {
    setText(next);
    if (next.trim() === '') return (setInvalid(false), onChange(undefined));
    try {
      onChange(JSON.parse(next));
      setInvalid(false);
    } catch {
      setInvalid(true);
    }
  };
  return (
    <>
      <textarea
        id={id}
        className="input input--code"
        rows={3}
        aria-invalid={invalid}
        value={text}
        onChange={(event) => edit(event.target.value)}
      />
      {invalid ? <p className="field__error">Not valid JSON yet: the last valid value is kept.</p> : null}
    </>
  );
}

/**
 * A secret config value. The mask the engine sends is shown as an empty box, so typing starts a new
 * secret instead of appending to "********"; emptied again, the mask goes back and the stored one is kept.
 */
function SecretInput({
  id,
  value,
  stored,
  onChange,
}: {
  id: string;
  value: unknown;
  stored: boolean;
  onChange: (value: string) => void;
}) {
  return (
    <input
      id={id}
      className="input"
      type="password"
      autoComplete="new-password"
      placeholder={stored ? 'stored: type to replace' : undefined}
      value={value === MASKED_SECRET ? '' : String(value ?? '')}
      onChange={(event) => onChange(event.target.value === '' && stored ? MASKED_SECRET : event.target.value)}
    />
  );
}

function ConfigEditor({
  channel,
  setting,
  onChange,
}: {
  channel: Channel;
  setting: ProviderSetting;
  onChange: (config: Record<string, unknown>) => void;
}) {
  const config = setting.config ?? {};
  const [newKey, setNewKey] = useState('');
  /** Keys added here but not filled in yet: empty values are not saved. */
  const [addedKeys, setAddedKeys] = useState<string[]>([]);
  const keys = [...new Set([...configKeys(setting.provider, config), ...addedKeys])];
  /** Keys the engine holds a secret for (they came back masked); collected as they appear, a save can add some. */
  const stored = useRef(new Set<string>()).current;
  for (const key of keys) if (config[key] === MASKED_SECRET) stored.add(key);
  const set = (key: string, value: unknown) => {
    const { [key]: _old, ...rest } = config;
    onChange(value === undefined || value === '' ? rest : { ...rest, [key]: value });
  };
  const path = `providers.${channel}.config`;
  return (
    <FieldGroup label={`${channel} config`} path={path}>
      {keys.map((key) => (
        <Field
          key={key}
          label={key}
          path={`${path}.${key}`}
          hint={stored.has(key) ? 'Secret: stays as stored unless you type a new one.' : undefined}
        >
          {(id) => {
            if (isObjectValued(key, config[key]))
              return <JsonValueInput id={id} value={config[key]} onChange={(value) => set(key, value)} />;
            if (isSecret(key, config[key]) || stored.has(key))
              return (
                <SecretInput
                  id={id}
                  value={config[key]}
                  stored={stored.has(key)}
                  onChange={(value) => set(key, value)}
                />
              );
            return (
              <input
                id={id}
                className="input"
                type="text"
                autoComplete="off"
                value={String(config[key] ?? '')}
                onChange={(event) => set(key, event.target.value)}
              />
            );
          }}
        </Field>
      ))}
      <span className="settings__add-key">
        <input
          className="input"
          aria-label={`New ${channel} config key`}
          placeholder="key"
          value={newKey}
          onChange={(event) => setNewKey(event.target.value)}
        />
        <button
          type="button"
          className="button button--small"
          disabled={!newKey.trim() || keys.includes(newKey.trim())}
          onClick={() => (setAddedKeys([...addedKeys, newKey.trim()]), setNewKey(''))}
        >
          Add key
        </button>
      </span>
    </FieldGroup>
  );
}

/** Per channel: which provider sends, and its config. An absent (or null) channel sends to the sandbox. */
export function ProvidersFields({ value, onChange }: { value: Providers; onChange: (value: Providers) => void }) {
  // null, not absent: the engine merges saved providers, and only null removes one.
  const setChannel = (channel: Channel, setting: ProviderSetting | undefined) =>
    onChange({ ...value, [channel]: setting ?? null });
  return (
    <>
      {channels.map((channel) => {
        const setting = value[channel];
        const choices = [...new Set([...providersByChannel[channel], ...(setting ? [setting.provider] : [])])];
        return (
          <FieldGroup key={channel} label={channel} path={`providers.${channel}`}>
            <Field label={`${channel} provider`} path={`providers.${channel}.provider`}>
              {(id) => (
                <select
                  id={id}
                  className="input"
                  value={setting?.provider ?? ''}
                  onChange={(event) =>
                    setChannel(
                      channel,
                      event.target.value
                        ? {
                            provider: event.target.value,
                            config: setting?.provider === event.target.value ? setting.config : {},
                          }
                        : undefined,
                    )
                  }
                >
                  <option value="">Sandbox (default)</option>
                  {choices.map((provider) => (
                    <option key={provider} value={provider}>
                      {provider}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {/* Keyed by provider: another provider starts with its own rows and no stored secrets. */}
            {setting ? (
              <ConfigEditor
                key={setting.provider}
                channel={channel}
                setting={setting}
                onChange={(config) => setChannel(channel, { ...setting, config })}
              />
            ) : null}
          </FieldGroup>
        );
      })}
    </>
  );
}
