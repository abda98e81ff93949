import type { DraftDocument } from '@waymark/workflows/api';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import type { WaymarkApi } from '../api/waymark-api';
import type { StepCatalog } from '../steps/catalog';
import { fieldWords } from '../words/diagnostics';
import { journeyWords, type JourneyWords } from '../words/journey-words';
import { diffDocuments, hasChanges, shortValue, type DocumentChanges, type FieldChange } from './diff-documents';

export interface PublishDialogProps {
  api: WaymarkApi;
  journeyId: string;
  /** The latest published version, compared against the draft. */
  version: number | null;
  draft: DraftDocument;
  /** Saves pending edits first: publish compiles what the engine has. */
  beforePublish: () => Promise<void>;
  onPublished: (version: number) => void;
  onClose: () => void;
  /** Names custom steps in the change list. */
  catalog: StepCatalog;
}

function FieldLines({ fields }: { fields: FieldChange[] }) {
  return (
    <ul className="publish__fields">
      {fields.map(({ path, before, after }) => (
        <li key={path}>
          {fieldWords(path)}: {shortValue(before)} → {shortValue(after)}
        </li>
      ))}
    </ul>
  );
}

/** `source:handle->target` in words: "“Wait up to 2 days …” (timeout) → “Push: …”". */
function connectionWords(key: string, words: JourneyWords): string {
  const [, source = '', handle = 'next', target = ''] = /^(.*):([^:]*)->(.*)$/.exec(key) ?? [];
  const branch = handle === 'next' ? '' : ` (${handle})`;
  return `“${words.labelOf(source) ?? source}”${branch} → “${words.labelOf(target) ?? target}”`;
}

/** Field-level changes since the last version, steps named as their cards say them. */
function ChangeList({
  changes,
  before,
  after,
}: {
  changes: DocumentChanges;
  before: JourneyWords;
  after: JourneyWords;
}) {
  if (!hasChanges(changes))
    return (
      <ul className="publish__changes">
        <li>No changes since the last version.</li>
      </ul>
    );
  const { renamed, added, removed, changed, edgesAdded, edgesRemoved, settings } = changes;
  const steps = (ids: string[], words: JourneyWords) => ids.map((id) => `“${words.labelOf(id) ?? id}”`).join(', ');
  return (
    <ul className="publish__changes">
      {renamed ? (
        <li>
          Renames the journey: {shortValue(renamed.before)} → {shortValue(renamed.after)}
        </li>
      ) : null}
      {added.length ? <li>Adds {steps(added, after)}</li> : null}
      {removed.length ? <li>Removes {steps(removed, before)}</li> : null}
      {changed.map(({ id, fields }) => (
        <li key={id}>
          Changes “{after.labelOf(id) ?? id}”<FieldLines fields={fields} />
        </li>
      ))}
      {edgesAdded.length ? <li>Connects {edgesAdded.map((key) => connectionWords(key, after)).join('; ')}</li> : null}
      {edgesRemoved.length ? (
        <li>Disconnects {edgesRemoved.map((key) => connectionWords(key, before)).join('; ')}</li>
      ) : null}
      {settings.length ? (
        <li>
          Changes journey settings
          <FieldLines fields={settings} />
        </li>
      ) : null}
    </ul>
  );
}

/** Confirms a publish, showing what changes since the last version; running entries keep their version. */
export function PublishDialog({
  api,
  journeyId,
  version,
  draft,
  beforePublish,
  onPublished,
  onClose,
  catalog,
}: PublishDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [changes, setChanges] = useState<{ changes: DocumentChanges; before: JourneyWords; after: JourneyWords }>();
  /** The last version could not be loaded: publishing is still allowed, without a list that would claim everything is new. */
  const [compareFailure, setCompareFailure] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const segment = draft.graph.nodes.some((node) => node.type === 'trigger' && node.data.kind === 'segment');
  const [enterMatching, setEnterMatching] = useState(false);

  useEffect(() => {
    dialog.current?.showModal?.();
    let current = true;
    (version ? api.getVersion(journeyId, version).then((stored) => stored.document) : Promise.resolve(undefined)).then(
      (previous) =>
        current &&
        setChanges({
          changes: diffDocuments(previous, draft),
          before: journeyWords(previous?.graph.nodes ?? [], catalog),
          after: journeyWords(draft.graph.nodes, catalog),
        }),
      (error: Error) => current && setCompareFailure(`Could not load version ${version} to compare: ${error.message}`),
    );
    return () => {
      current = false;
    };
  }, [api, journeyId, version, draft, catalog]);

  const publish = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      await beforePublish();
      const published = await api.publishJourney(journeyId, { enterMatching: segment && enterMatching });
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
      {changes ? (
        <ChangeList {...changes} />
      ) : compareFailure ? (
        <p role="alert">{compareFailure}</p>
      ) : (
        <p>Comparing with version {version}…</p>
      )}
      {segment ? (
        <label className="publish__enter-matching">
          <input type="checkbox" checked={enterMatching} onChange={(event) => setEnterMatching(event.target.checked)} />{' '}
          Also enter everyone who matches the segment now (otherwise only people who start matching later enter)
        </label>
      ) : null}
      {failure ? (
        <p className="field__error" role="alert">
          {failure}
        </p>
      ) : null}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={busy || !(changes || compareFailure)}
          onClick={() => void publish()}
        >
          Publish
        </button>
      </div>
    </dialog>
  );
}
