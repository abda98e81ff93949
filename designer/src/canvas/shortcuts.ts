import type { JourneyState } from '../store/journey-store';

/** Typing in a field must never delete nodes or paste them; dialogs own their keys. */
const isEditable = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
    target.closest('dialog') !== null);

/**
 * Editor keyboard, page-wide (focus often sits on the page after a node is deleted): Delete or
 * Backspace, undo (⌘Z), redo (⇧⌘Z, ⌘Y), copy (⌘C), paste (⌘V), select all (⌘A).
 */
export function handleCanvasKey(event: KeyboardEvent, journey: JourneyState): void {
  if (isEditable(event.target)) return;
  const mod = event.metaKey || event.ctrlKey;
  const key = event.key.toLowerCase();
  const run = (action: () => void) => {
    event.preventDefault();
    action();
  };
  if (key === 'delete' || key === 'backspace') run(journey.deleteSelected);
  else if (mod && key === 'z') run(event.shiftKey ? journey.redo : journey.undo);
  else if (mod && key === 'y') run(journey.redo);
  else if (mod && key === 'c') run(journey.copySelected);
  else if (mod && key === 'v') run(() => journey.paste());
  else if (mod && key === 'a') run(() => journey.select(journey.nodes.map((node) => node.id)));
}
