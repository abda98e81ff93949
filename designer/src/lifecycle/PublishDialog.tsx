import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import type { WaymarkApi } from '../api/waymark-api';
import type { JourneyDocument } from '../store/document-graph';
import { diffDocuments, hasChanges, shortValue, type DocumentChanges, type FieldChange } from './diff-documents';

export interface PublishDialogProps {
  api: WaymarkApi;
  journeyId: string;
  /** The latest published version, compared against the draft. */
  version: number | null;
  draft: JourneyDocument;
  /** Saves pending edits first: publish compiles what the engine has. */
  beforePublish: () => Promise<void>;
  onPublished: (version: number) => void;
  onClose: () => void;
}

function FieldLines({ fields }: { fields: FieldChange[] }) {
  return (
    <ul className="publish__fields">
      {fields.map(({ path, before, after }) => (
        <li key={path}><code>{path}</code>: {shortValue(before)} → {shortValue(after)}</li>
      ))}
    </ul>
  );
}

/** Field-level changes since the last version, one list item per step, connection group and settings. */
function ChangeList({ changes }: { changes: DocumentChanges }) {
  if (!hasChanges(changes)) return <ul className="publish__changes"><li>No changes since the last version.</li></ul>;
  const { renamed, added, removed, changed, edgesAdded, edgesRemoved, settings } = changes;
  return (
    <ul className="publish__changes">
      {renamed ? <li>Renames the journey: {shortValue(renamed.before)} → {shortValue(renamed.after)}</li> : null}
      {added.length ? <li>Adds {added.join(', ')}</li> : null}
      {removed.length ? <li>Removes {removed.join(', ')}</li> : null}
      {changed.map(({ id, fields }) => (
        <li key={id}>Changes {id}<FieldLines fields={fields} /></li>
      ))}
      {edgesAdded.length ? <li>Connects {edgesAdded.join(', ')}</li> : null}
      {edgesRemoved.length ? <li>Disconnects {edgesRemoved.join(', ')}</li> : null}
      {settings.length ? <li>Changes journey settings<FieldLines fields={settings} /></li> : null}
    </ul>
  );
}

/** Confirms a publish, showing what changes since the last version; running entries keep their version. */
export function PublishDialog({ api, journeyId, version, draft, beforePublish, onPublished, onClose }: PublishDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [changes, setChanges] = useState<DocumentChanges>();
  /** The last version could not be loaded: publishing is still allowed, without a list that would claim everything is new. */
  const [compareFailure, setCompareFailure] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    dialog.current?.showModal?.();
    let current = true;
    (version ? api.getVersion(journeyId, version).then((stored) => stored.document) : Promise.resolve(undefined)).then(
      (previous) => current && setChanges(diffDocuments(previous, draft)),
      (error: Error) => current && setCompareFailure(`Could not load version ${version} to compare: ${error.message}`),
    );
    return () => {
      current = false;
    };
  }, [api, journeyId, version, draft]);

  const publish = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      await beforePublish();
      const published = await api.publishJourney(journeyId);
      onPublished(published.version);
    } catch (error) {
      setFailure(error instanceof ApiError ? error.message : String(error));
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="publish-title" onCancel={onClose}>
      <h2 id="publish-title">Publish version {(version ?? 0) + 1}?</h2>
      <p>New entries will follow this version; people already in the journey stay on the version they started with.</p>
      {changes ? <ChangeList changes={changes} /> : compareFailure ? <p role="alert">{compareFailure}</p> : <p>Comparing with version {version}…</p>}
      {failure ? <p className="field__error" role="alert">{failure}</p> : null}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>Cancel</button>
        <button type="button" className="button button--primary" disabled={busy || !(changes || compareFailure)} onClick={() => void publish()}>Publish</button>
      </div>
    </dialog>
  );
}
