import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type { StepDefinition } from './define-step.js';
import { loyaltyPoints } from './loyalty-points.js';

/** Steps every Waymark ships with; deployments add theirs through WAYMARK_STEPS. */
export const builtinCustomSteps: StepDefinition[] = [loyaltyPoints];

export type CustomSteps = ReadonlyMap<string, StepDefinition>;

export function stepRegistry(steps: readonly StepDefinition[]): CustomSteps {
  const registry = new Map<string, StepDefinition>();
  for (const step of steps) {
    if (registry.has(step.type)) throw new Error(`custom step type "${step.type}" is registered twice`);
    registry.set(step.type, step);
  }
  return registry;
}

/**
 * Loads the steps exported by the given modules (paths or package names; WAYMARK_STEPS): every export made
 * with `defineStep` is registered.
 */
export async function loadCustomSteps(modules: readonly string[]): Promise<CustomSteps> {
  const steps = [...builtinCustomSteps];
  for (const spec of modules) {
    const url = spec.startsWith('.') || spec.startsWith('/') ? pathToFileURL(resolve(spec)).href : spec;
    const loaded = (await import(url)) as Record<string, unknown>;
    steps.push(...Object.values(loaded).filter(isStep));
  }
  return stepRegistry(steps);
}

const isStep = (value: unknown): value is StepDefinition =>
  typeof value === 'object' &&
  value !== null &&
  'type' in value &&
  'run' in value &&
  'config' in value &&
  typeof (value as StepDefinition).run === 'function';
