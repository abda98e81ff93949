import type { DraftDocument } from '@waymark/workflows/api';
import type { Diagnostic } from '@waymark/workflows';
import { useEffect, useState } from 'react';
import type { WaymarkApi } from '../api/waymark-api';

const DEBOUNCE_MS = 600;

/**
 * Custom step configs are declared in zod on the engine, which the browser only sees as JSON
 * Schema: the engine's validate endpoint checks them. Only their diagnostics are taken from it;
 * the browser compiler is the source for everything else.
 */
export function useCustomStepChecks(api: WaymarkApi, document: DraftDocument): Diagnostic[] {
  const [diagnostics, setDiagnostics] = useState<Diagnostic[]>([]);
  const customIds = document.graph.nodes.filter((node) => node.type === 'custom').map((node) => node.id);
  const key = customIds.length > 0 ? JSON.stringify(document) : '';
  useEffect(() => {
    if (!key) return setDiagnostics([]);
    let current = true;
    const timer = setTimeout(() => {
      api.validateJourney(JSON.parse(key) as DraftDocument).then(
        (result) =>
          current && setDiagnostics(result.errors.filter((error) => error.nodeId && customIds.includes(error.nodeId))),
        () => current && setDiagnostics([]),
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for the document and its custom nodes.
  }, [api, key]);
  return diagnostics;
}
