import { useSampleContext, parseJsonObject } from '../sample-context';
import { SampleProfileLoader } from '../SampleProfileLoader';
import { renderMessagePreviews, type ChannelPreview } from './render-preview';
import { TestSend } from './TestSend';

const str = (value: unknown) => (typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value));

/** How each channel looks on the receiving end: phone notification, chat bubble, email, HTTP request. */
function ChannelView({ preview }: { preview: ChannelPreview }) {
  const r = preview.rendered ?? {};
  switch (preview.channel) {
    case 'push':
      return (
        <div className="preview-push" aria-label="Push preview">
          <strong>{str(r.title)}</strong>
          <p>{str(r.body)}</p>
          {r.url ? <small>{str(r.url)}</small> : null}
        </div>
      );
    case 'sms':
    case 'whatsapp':
      return <p className={`preview-bubble preview-bubble--${preview.channel}`} aria-label={`${preview.channel} preview`}>{r.body ? str(r.body) : `Template ${str(r.contentSid)} ${str(r.variables)}`}</p>;
    case 'email':
      return (
        <div className="preview-email" aria-label="Email preview">
          <p className="preview-email__subject">{str(r.subject)}</p>
          <iframe title="Email body" sandbox="" srcDoc={r.html ? str(r.html) : `<pre style="font-family:sans-serif;white-space:pre-wrap">${str(r.text).replace(/</g, '&lt;')}</pre>`} />
        </div>
      );
    case 'webhook':
      return <pre className="preview-webhook" aria-label="Webhook preview">{`${str(r.method) || 'POST'} ${str(r.url)}\n\n${str(r.body)}`}</pre>;
  }
}

/** Live Liquid preview of a message node against the sample profile and event (editable JSON). */
export function MessagePreview({ nodeId, data, journeyName }: { nodeId: string; data: Record<string, unknown>; journeyName: string }) {
  const { profileText, eventText, setProfileText, setEventText } = useSampleContext();
  const profile = parseJsonObject(profileText);
  const event = parseJsonObject(eventText);
  const previews = profile.ok && event.ok
    ? renderMessagePreviews(data, {
        profile: profile.value,
        event: { name: String(event.value.name ?? 'event'), properties: (event.value.properties as Record<string, unknown>) ?? {}, timestamp: String(event.value.timestamp ?? new Date().toISOString()) },
        journey: { id: 'draft', name: journeyName, version: 0 },
        nodeId,
      })
    : [];
  return (
    <section className="message-preview" aria-label="Message preview">
      <h3>Preview</h3>
      {previews.map((preview, index) => (
        <div key={index} className="message-preview__channel">
          <h4>{index === 0 ? preview.channel : `then ${preview.channel}`}</h4>
          {preview.errors.length > 0 ? <ul className="field__error" role="alert">{preview.errors.map((error) => <li key={error.field}>{error.field}: {error.message}</li>)}</ul> : <ChannelView preview={preview} />}
        </div>
      ))}
      <TestSend nodeId={nodeId} data={data} />
      <details>
        <summary>Sample profile and event</summary>
        <label className="field__label" htmlFor="sample-profile">Profile (JSON)</label>
        <textarea id="sample-profile" className="input input--code" rows={6} value={profileText} onChange={(e) => setProfileText(e.target.value)} />
        {profile.ok ? null : <p className="field__error">{profile.message}</p>}
        <SampleProfileLoader />
        <label className="field__label" htmlFor="sample-event">Triggering event (JSON)</label>
        <textarea id="sample-event" className="input input--code" rows={6} value={eventText} onChange={(e) => setEventText(e.target.value)} />
        {event.ok ? null : <p className="field__error">{event.message}</p>}
      </details>
    </section>
  );
}
