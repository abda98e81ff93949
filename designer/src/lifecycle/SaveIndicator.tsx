import type { SaveState } from './use-autosave';

const labels: Record<SaveState['kind'], string> = {
  saved: 'All changes saved',
  unsaved: 'Unsaved changes',
  saving: 'Saving…',
  conflict: 'Edited elsewhere',
  error: 'Not saved',
};

/** Saved / unsaved / conflict, announced politely to screen readers. */
export function SaveIndicator({ state, local }: { state: SaveState; local: boolean }) {
  const detail = state.kind === 'conflict' || state.kind === 'error' ? state.message : undefined;
  return (
    <span className={`save-indicator save-indicator--${local ? 'local' : state.kind}`} role="status" title={detail}>
      {local ? 'Not saved yet' : labels[state.kind]}
      {state.kind === 'conflict' ? (
        <button type="button" className="button button--link" onClick={() => window.location.reload()}>
          Reload
        </button>
      ) : null}
    </span>
  );
}
