import { useStore } from 'zustand';
import type { JourneyStatus } from '@waymark/workflows/api';
import { useEditor } from '../canvas/editor-context';
import { useLayoutAndFit } from '../canvas/use-layout-and-fit';
import { Link } from '../router/navigation';
import { SaveIndicator } from './SaveIndicator';
import type { SaveState } from './use-autosave';

export interface EditorToolbarProps {
  status: JourneyStatus | 'new';
  version: number | null;
  versions: { version: number; publishedAt: string }[];
  viewing: number | undefined;
  saveState: SaveState;
  statsOn: boolean;
  onSaveNew: () => void;
  onPublish: () => void;
  onStatus: (action: 'pause' | 'resume' | 'archive') => void;
  onView: (version: number | undefined) => void;
  onToggleStats: () => void;
  /** The journey's analytics page, once it has a published version. */
  analyticsPath?: string;
}

/** Name, save state, undo/redo, layout, stats, versions and the lifecycle actions of the open journey. */
export function EditorToolbar(props: EditorToolbarProps) {
  const { store, validation, readOnly } = useEditor();
  const layoutAndFit = useLayoutAndFit();
  const name = useStore(store, (state) => state.name);
  const canUndo = useStore(store, (state) => state.past.length > 0);
  const canRedo = useStore(store, (state) => state.future.length > 0);
  const errors = validation.errors.length;
  const isNew = props.status === 'new';
  return (
    <header className="toolbar">
      <input
        className="input toolbar__name"
        aria-label="Journey name"
        placeholder="Name this journey"
        value={name}
        readOnly={readOnly}
        onChange={(event) => store.getState().setName(event.target.value)}
      />
      <span className={`status-badge status-badge--${props.status}`}>
        {isNew ? 'new' : props.status}
        {props.version ? ` · v${props.version}` : ''}
      </span>
      <SaveIndicator state={props.saveState} local={isNew} />
      <span className="toolbar__group">
        <button
          type="button"
          className="button"
          disabled={readOnly || !canUndo}
          onClick={() => store.getState().undo()}
          title="Undo (⌘Z)"
        >
          Undo
        </button>
        <button
          type="button"
          className="button"
          disabled={readOnly || !canRedo}
          onClick={() => store.getState().redo()}
          title="Redo (⇧⌘Z)"
        >
          Redo
        </button>
        <button type="button" className="button" disabled={readOnly} onClick={() => void layoutAndFit('all')}>
          Tidy up
        </button>
      </span>
      <span className="toolbar__group toolbar__group--end">
        {props.versions.length > 0 ? (
          <select
            className="input"
            aria-label="Version"
            value={props.viewing ?? ''}
            onChange={(event) => props.onView(event.target.value ? Number(event.target.value) : undefined)}
          >
            <option value="">Draft</option>
            {props.versions.map((v) => (
              <option key={v.version} value={v.version}>
                v{v.version} · {new Date(v.publishedAt).toLocaleDateString()}
              </option>
            ))}
          </select>
        ) : null}
        {props.version ? (
          <button type="button" className="button" aria-pressed={props.statsOn} onClick={props.onToggleStats}>
            {props.statsOn ? 'Hide stats' : 'Show stats'}
          </button>
        ) : null}
        {props.analyticsPath ? (
          <Link className="button" to={props.analyticsPath}>
            Analytics
          </Link>
        ) : null}
        {props.status === 'active' ? (
          <button type="button" className="button" onClick={() => props.onStatus('pause')}>
            Pause
          </button>
        ) : null}
        {props.status === 'paused' ? (
          <button type="button" className="button" onClick={() => props.onStatus('resume')}>
            Resume
          </button>
        ) : null}
        {!isNew && props.status !== 'archived' ? (
          <button type="button" className="button" onClick={() => props.onStatus('archive')}>
            Archive
          </button>
        ) : null}
        {isNew ? (
          <button type="button" className="button button--primary" onClick={props.onSaveNew}>
            Save draft
          </button>
        ) : (
          <button
            type="button"
            className="button button--primary"
            disabled={readOnly || errors > 0 || props.status === 'archived'}
            title={errors > 0 ? `Fix ${errors} error${errors === 1 ? '' : 's'} to publish` : 'Publish a new version'}
            onClick={props.onPublish}
          >
            Publish
          </button>
        )}
      </span>
    </header>
  );
}
