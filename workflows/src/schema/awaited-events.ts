import type { Condition } from './condition.js';
import type { WaitForEventData } from './nodes.js';

/**
 * The events a waitForEvent node waits for, each with the output handle the entry leaves by. In a module of
 * its own with type-only imports because the journey workflow uses it: every new workflow evaluates its
 * bundle's modules again, and the schemas (zod) would cost each one milliseconds (docs/architecture.md, "Running on Temporal").
 */
export function awaitedEvents(
  data: WaitForEventData,
): { handle: string; event: string; where?: Condition | undefined }[] {
  return 'events' in data
    ? data.events.map((path) => ({ handle: path.id, event: path.event, where: path.where }))
    : [{ handle: 'matched', event: data.event, where: data.where }];
}
