import type { DraftDocument } from '@waymark/workflows/api';
import { exampleJourneys } from '@waymark/workflows';
import { useReactFlow } from '@xyflow/react';
import { withLayout } from './auto-layout';
import { useEditor } from './editor-context';

/** What an empty canvas says: where to start, or open one of the example journeys to learn from. */
export function EmptyCanvas() {
  const { store, catalog, readOnly } = useEditor();
  const { fitView } = useReactFlow();
  const open = async (example: DraftDocument) => {
    store.getState().load(await withLayout(structuredClone(example), catalog));
    requestAnimationFrame(() => void fitView({ padding: 0.2, maxZoom: 1 }));
  };
  return (
    <div className="canvas__empty" role="note">
      <h2>Start with a trigger</h2>
      <p>
        Drag <strong>Trigger</strong> from the palette onto the canvas (or focus it and press Enter) to say how people
        enter this journey. Then add waits, branches and messages below it.
      </p>
      {readOnly ? null : (
        <p className="canvas__examples">
          Or start from an example:{' '}
          {exampleJourneys.map((example) => (
            <button key={example.name} type="button" className="button button--link" onClick={() => void open(example)}>
              {example.name}
            </button>
          ))}
        </p>
      )}
    </div>
  );
}
