import { useDeferredValue, useMemo } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/shallow';
import type { StepCatalog } from '../steps/catalog';
import { graphToDocument } from '../store/document-graph';
import type { JourneyStore } from '../store/journey-store';
import type { WaymarkApi } from '../api/waymark-api';
import { registryOf } from './step-registry';
import { useCustomStepChecks } from './use-custom-step-checks';
import { validate, type Validation } from './validate';

/** Live validation of the draft; deferred so typing stays smooth on large journeys. */
export function useValidation(api: WaymarkApi, store: JourneyStore, catalog: StepCatalog): Validation {
  const journey = useStore(
    store,
    useShallow((state) => ({ name: state.name, settings: state.settings, nodes: state.nodes, edges: state.edges })),
  );
  const deferred = useDeferredValue(journey);
  const registry = useMemo(() => registryOf(catalog), [catalog]);
  const document = useMemo(
    () => graphToDocument(deferred, deferred.name, deferred.settings),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `deferred` is a new object each render; its parts are the inputs.
    [deferred.nodes, deferred.edges, deferred.settings, deferred.name],
  );
  const engineErrors = useCustomStepChecks(api, document);
  return useMemo(() => validate(document, registry, engineErrors), [document, registry, engineErrors]);
}
