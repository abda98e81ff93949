import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { autoLayout } from './auto-layout';
import { useEditor } from './editor-context';

/** Auto-layout, then bring the whole journey into view once React Flow has the new positions. */
export function useLayoutAndFit(): (which: ReadonlySet<string> | 'all') => Promise<void> {
  const { store, catalog } = useEditor();
  const { fitView } = useReactFlow();
  return useCallback(
    async (which) => {
      await autoLayout(store, catalog, which);
      requestAnimationFrame(() => void fitView({ padding: 0.2, maxZoom: 1, duration: 200 }));
    },
    [store, catalog, fitView],
  );
}
