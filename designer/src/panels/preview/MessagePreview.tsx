import { channelNames } from '../../steps/summary';
import { useSampleContext, parseJsonObject } from '../sample-context';
import { PropertiesEditor } from '../PropertiesEditor';
import { SampleProfileLoader } from '../SampleProfileLoader';
import { renderMessagePreviews, type ChannelPreview } from './render-preview';
import { TestSend } from './TestSend';
import { useEmailHtml } from './use-email-html';
import { emptyVariableWarnings, templateVariables, type SampleData } from './variables';
import type { SeenFields } from '@waymark/workflows/api';

const str = (value: unknown) => (typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value));

/** A phone-shaped frame: push, SMS and WhatsApp are read on a small screen, so they are previewed on one. */
function Phone({ app, children }: { app: string; children: React.ReactNode }) {
  return (
    <div className="phone">
      <div className="phone__status" aria-hidden="true">
        <span>9:41</span>
        <span className="phone__notch" />
        <span>100%</span>
      </div>
      <div className="phone__app">{app}</div>
      <div className="phone__screen">{children}</div>
    </div>
  );
}

/** An email as the inbox shows it: the subject, and the body as the engine builds it (MJML rendered). */
function EmailView({ subject, html, text }: { subject: string; html: string; text: string }) {
  const body = useEmailHtml(html);
  return (
    <div className="preview-email" aria-label="Email preview">
      <p className="preview-email__subject">{subject}</p>
      {body.error ? (
        <p className="field__error" role="alert">
          {body.error}
        </p>
      ) : null}
      <iframe
        title="Email body"
        sandbox=""
        srcDoc={
          html
            ? (body.html ?? '')
            : `<pre style="font-family:sans-serif;white-space:pre-wrap">${text.replace(/</g, '&lt;')}</pre>`
        }
      />
    </div>
  );
}

/** How each channel looks on the receiving end: phone notification, chat bubble, email, HTTP request. */
function ChannelView({ preview }: { preview: ChannelPreview }) {
  const r = preview.rendered ?? {};
  switch (preview.channel) {
    case 'push':
      return (
        <Phone app="Lock screen">
          <div className="preview-push" aria-label="Push preview">
            <small className="preview-push__app">Your app · now</small>
            <strong>{str(r.title)}</strong>
            <p>{str(r.body)}</p>
          </div>
        </Phone>
      );
    case 'sms':
    case 'whatsapp':
      return (
        <Phone app={preview.channel === 'sms' ? 'Messages' : 'WhatsApp'}>
          <p className={`preview-bubble preview-bubble--${preview.channel}`} aria-label={`${preview.channel} preview`}>
            {r.body ? str(r.body) : `Approved template ${str(r.contentSid)}`}
          </p>
        </Phone>
      );
    case 'email':
      return <EmailView subject={str(r.subject)} html={str(r.html)} text={str(r.text)} />;
    case 'webhook':
      return (
        <pre
          className="preview-webhook"
          aria-label="Webhook preview"
        >{`${str(r.method) || 'POST'} ${str(r.url)}\n\n${str(r.body)}`}</pre>
      );
  }
}

/** Live Liquid preview of a message node against the sample profile and event (editable JSON). */
export function MessagePreview({
  nodeId,
  data,
  journeyName,
  seen,
  sample,
}: {
  nodeId: string;
  data: Record<string, unknown>;
  journeyName: string;
  seen: SeenFields | undefined;
  sample: SampleData;
}) {
  const { profileText, eventText, setProfileText, setEventText } = useSampleContext();
  const profile = parseJsonObject(profileText);
  const event = parseJsonObject(eventText);
  const previews =
    profile.ok && event.ok
      ? renderMessagePreviews(data, {
          profile: profile.value,
          event: {
            name: String(event.value.name ?? 'event'),
            properties: (event.value.properties as Record<string, unknown>) ?? {},
            timestamp: String(event.value.timestamp ?? new Date().toISOString()),
          },
          journey: { id: 'draft', name: journeyName, version: 0 },
          nodeId,
        })
      : [];
  const warnings = emptyVariableWarnings(
    templateVariables(Array.isArray(data.channels) ? data.channels : data.template),
    sample,
    seen,
  );
  return (
    <section className="message-preview" aria-label="Message preview">
      <h3>Preview</h3>
      {warnings.length ? (
        <ul className="message-preview__warnings" aria-label="Personalisation warnings">
          {warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      ) : null}
      {previews.map((preview, index) => (
        <div key={index} className="message-preview__channel">
          <h4>
            {index === 0
              ? channelNames[preview.channel]
              : `If that cannot reach them: ${channelNames[preview.channel]}`}
          </h4>
          {preview.errors.length > 0 ? (
            <ul className="field__error" role="alert">
              {preview.errors.map((error) => (
                <li key={error.field}>
                  {error.field}: {error.message}
                </li>
              ))}
            </ul>
          ) : (
            <ChannelView preview={preview} />
          )}
        </div>
      ))}
      <TestSend nodeId={nodeId} data={data} />
      <details>
        <summary>Test person and event the preview uses</summary>
        {profile.ok ? (
          <PropertiesEditor
            label="Test profile"
            value={profile.value}
            onChange={(value) => setProfileText(JSON.stringify(value, null, 2))}
            hidden={['devices']}
          />
        ) : (
          <p className="field__error">The test profile {profile.message}</p>
        )}
        <SampleProfileLoader />
        {event.ok ? (
          <PropertiesEditor
            label="Entry event properties"
            value={(event.value.properties as Record<string, unknown>) ?? {}}
            onChange={(properties) => setEventText(JSON.stringify({ ...event.value, properties }, null, 2))}
          />
        ) : (
          <p className="field__error">The test event {event.message}</p>
        )}
      </details>
    </section>
  );
}
