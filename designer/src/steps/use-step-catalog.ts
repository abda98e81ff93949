import { useEffect, useState } from 'react';
import type { WaymarkApi } from '../api/waymark-api';
import { builtinCatalog, type StepCatalog } from './catalog';

/** The palette: the engine's `/api/steps` (custom steps included); the built-ins until it answers, or if it cannot. */
export function useStepCatalog(api: WaymarkApi): StepCatalog {
  const [catalog, setCatalog] = useState<StepCatalog>(builtinCatalog);
  useEffect(() => {
    let current = true;
    api.listSteps().then(
      (steps) => current && steps.length > 0 && setCatalog(steps),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api]);
  return catalog;
}
