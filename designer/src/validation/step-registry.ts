import type { StepRegistry } from '@waymark/workflows';
import { z } from 'zod';
import type { StepCatalog } from '../steps/catalog';

/**
 * The custom steps the browser compiler knows: names and outputs from `/api/steps`. Their config
 * arrives as JSON Schema, not zod, so config is checked by the engine on validate and publish.
 */
export function registryOf(catalog: StepCatalog): StepRegistry {
  return new Map(
    catalog
      .filter((info) => info.type === 'custom' && info.step)
      .map((info) => [
        info.step!,
        {
          type: info.step!,
          title: info.title,
          description: info.description,
          config: z.record(z.string(), z.unknown()),
          outputs: info.outputs ?? ['next'],
        },
      ]),
  );
}
