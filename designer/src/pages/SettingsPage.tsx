import { useEffect, useMemo, useState } from 'react';
import { useApi, useLoad } from '../api/api-context';
import type { SettingsUpdate } from '@waymark/workflows/api';
import { parseJsonObject } from '../panels/sample-context';
import { FormContext } from '../panels/schema-form/form-context';
import { ContactPolicyFields } from '../settings/ContactPolicyFields';
import { ProvidersFields } from '../settings/ProvidersFields';
import { settingsErrors } from '../settings/server-errors';
import { ErrorBanner } from '../shell/ErrorBanner';
import { fieldWords } from '../words/diagnostics';

/** Fills the lists and maps the form edits, so a document with an empty part left out still edits and saves whole. */
const complete = (settings: Partial<SettingsUpdate>): SettingsUpdate => ({
  ...settings,
  contactPolicy: {
    ...settings.contactPolicy,
    frequencyCaps: settings.contactPolicy?.frequencyCaps ?? [],
    throttle: settings.contactPolicy?.throttle ?? {},
  },
  providers: settings.providers ?? {},
});

/** The whole document as JSON, for pasting settings between workspaces; applied to the form, saved with it. */
function AdvancedJson({ value, onApply }: { value: SettingsUpdate; onApply: (value: SettingsUpdate) => void }) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string>();
  useEffect(() => setText(JSON.stringify(value, null, 2)), [value]);
  const apply = () => {
    const parsed = parseJsonObject(text);
    setProblem(parsed.ok ? undefined : `Settings ${parsed.message}`);
    if (parsed.ok) onApply(complete(parsed.value));
  };
  return (
    <details className="settings__advanced">
      <summary>Advanced: JSON</summary>
      <label className="field__label" htmlFor="settings-json">
        Settings (JSON)
      </label>
      <textarea
        id="settings-json"
        className="input input--code"
        rows={16}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <button type="button" className="button" onClick={apply}>
        Apply JSON to the form
      </button>
      {problem ? (
        <p className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
    </details>
  );
}

/** Workspace contact policy (quiet hours, frequency caps, throttle) and channel providers. */
export function SettingsPage() {
  const { api } = useApi();
  const settings = useLoad(() => api.getSettings(), [api]);
  const [draft, setDraft] = useState<SettingsUpdate>();
  const [errors, setErrors] = useState<ReadonlyMap<string, string>>(new Map());
  const [message, setMessage] = useState<string>();
  const loaded = settings.state === 'ok' ? settings.data : undefined;
  useEffect(() => {
    if (loaded) setDraft(complete(loaded));
  }, [loaded]);
  const context = useMemo(() => ({ root: {}, errors, eventNames: [], fieldPaths: [], messages: [] }), [errors]);

  const save = async () => {
    if (!draft) return;
    try {
      setDraft(complete(await api.saveSettings(draft)));
      setErrors(new Map());
      setMessage('Saved.');
    } catch (error) {
      setErrors(settingsErrors(error));
      setMessage((error as Error).message);
    }
  };

  return (
    <section className="page" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <p>
        Contact policy applies to every journey: consent, quiet hours in each user's time zone, frequency caps per
        channel and overall, throttling. Transactional messages and journeys set to bypass skip caps and quiet hours.
      </p>
      {settings.state === 'loading' ? <p role="status">Loading…</p> : null}
      {settings.state === 'error' ? (
        <ErrorBanner message={`Could not load the settings. ${settings.error.message}`} onRetry={settings.reload} />
      ) : null}
      {draft ? (
        <FormContext.Provider value={context}>
          {/* noValidate: the engine is the one validator, its messages land at the fields it names. */}
          <form className="settings schema-form" noValidate onSubmit={(event) => (event.preventDefault(), void save())}>
            <h2>Contact policy</h2>
            <ContactPolicyFields
              value={draft.contactPolicy}
              onChange={(contactPolicy) => setDraft({ ...draft, contactPolicy })}
            />
            <h2>Providers</h2>
            <ProvidersFields value={draft.providers} onChange={(providers) => setDraft({ ...draft, providers })} />
            <AdvancedJson value={draft} onApply={setDraft} />
            <button type="submit" className="button button--primary">
              Save settings
            </button>
            {message ? <p role="status">{message}</p> : null}
            {errors.size ? (
              <ul className="field__error" aria-label="Fields to fix">
                {[...errors].map(([path, text]) => (
                  <li key={path}>
                    {fieldWords(path)}: {text}
                  </li>
                ))}
              </ul>
            ) : null}
          </form>
        </FormContext.Provider>
      ) : null}
    </section>
  );
}
