import { useEffect, useState } from 'react';
import { useApi, useLoad } from '../api/api-context';
import type { WorkspaceSettings } from '../api/types';
import { parseJsonObject } from '../panels/sample-context';

/** Workspace contact policy (frequency caps, quiet hours, throttle) and channel providers, edited as JSON. */
export function SettingsPage() {
  const { api } = useApi();
  const settings = useLoad(() => api.getSettings(), [api]);
  const [text, setText] = useState('');
  const [message, setMessage] = useState<string>();
  const loaded = settings.state === 'ok' ? settings.data : undefined;
  useEffect(() => {
    if (loaded) setText(JSON.stringify(loaded, null, 2));
  }, [loaded]);
  const save = async () => {
    const parsed = parseJsonObject(text);
    if (!parsed.ok) return setMessage(`Settings ${parsed.message}`);
    try {
      setText(JSON.stringify(await api.saveSettings(parsed.value as WorkspaceSettings), null, 2));
      setMessage('Saved.');
    } catch (error) {
      setMessage((error as Error).message);
    }
  };
  return (
    <section className="page" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <p>Contact policy applies to every journey: consent, quiet hours in each user's time zone, frequency caps per channel and overall, throttling. Transactional messages and journeys set to bypass skip caps and quiet hours.</p>
      {settings.state === 'loading' ? <p role="status">Loading…</p> : null}
      {settings.state === 'error' ? <p role="alert">The engine did not return settings: {settings.error.message}</p> : null}
      {settings.state === 'ok' ? (
        <>
          <label className="field__label" htmlFor="settings-json">Settings (JSON)</label>
          <textarea id="settings-json" className="input input--code" rows={20} value={text} onChange={(event) => setText(event.target.value)} />
          <button type="button" className="button button--primary" onClick={() => void save()}>Save settings</button>
          {message ? <p role="status">{message}</p> : null}
        </>
      ) : null}
    </section>
  );
}
