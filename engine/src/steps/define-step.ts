import type { EventFields, StepDeclaration } from '@waymark/workflows';
import type { z } from 'zod';

/** What a custom step's `run` gets: the user's profile, the triggering event and its validated config. */
export interface StepContext<C> {
  userId: string;
  profile: Record<string, unknown>;
  event: EventFields;
  config: C;
  /** Unique per (entry, node, visit): use it to make external side effects idempotent. */
  idempotencyKey: string;
}

/** What a step decides: which output to take, and profile attributes to set. */
export interface StepResult<O extends string = string> {
  output?: O;
  profileUpdates?: Record<string, unknown>;
}

export interface StepDefinition<C extends z.ZodType = z.ZodType, O extends string = string> extends StepDeclaration<C> {
  outputs: readonly O[];
  run(context: StepContext<z.infer<C>>): Promise<StepResult<O>>;
}

/**
 * Declares a custom step (docs/architecture.md#custom-steps). It appears in `/api/steps`
 * with a form generated from `config`, compiles like a built-in node, and runs as an activity.
 */
export function defineStep<C extends z.ZodType, const O extends string = 'next'>(definition: {
  type: string;
  title: string;
  description: string;
  config: C;
  outputs?: readonly O[];
  run(context: StepContext<z.infer<C>>): Promise<StepResult<O>>;
}): StepDefinition<C, O> {
  return { ...definition, outputs: definition.outputs ?? (['next'] as unknown as readonly O[]) };
}
