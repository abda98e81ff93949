import type { z } from 'zod';
import type { NodeType } from '../schema/nodes.js';

export const stepCategories = ['triggers', 'timing', 'logic', 'messages', 'data', 'custom'] as const;
export type StepCategory = (typeof stepCategories)[number];

/**
 * What the compiler and the designer need to know of a custom step: its config schema and the
 * output handles it can return. The engine's `defineStep` adds the `run` function.
 */
export interface StepDeclaration<C extends z.ZodType = z.ZodType> {
  type: string;
  title: string;
  description: string;
  config: C;
  /** Output handles; a step with one output uses `next`. */
  outputs: readonly string[];
}

export type StepRegistry = ReadonlyMap<string, StepDeclaration>;

export const emptyRegistry: StepRegistry = new Map();

/** Palette metadata of the built-in node types. */
export const builtinSteps: Record<NodeType, { title: string; description: string; category: StepCategory }> = {
  trigger: {
    title: 'Trigger',
    description: 'How people enter: an event, a segment, a schedule or an API call.',
    category: 'triggers',
  },
  delay: { title: 'Delay', description: 'Wait for a fixed time, e.g. 2 days.', category: 'timing' },
  waitUntil: {
    title: 'Wait until',
    description: 'Wait until a date, a local time of day or a weekday.',
    category: 'timing',
  },
  waitForEvent: {
    title: 'Wait for event',
    description: 'Wait for something the person does (or the first of several), up to a timeout.',
    category: 'timing',
  },
  context: {
    title: 'Context',
    description: 'Set entry variables (vars.<name>) from the trigger, the profile or Liquid.',
    category: 'data',
  },
  branch: {
    title: 'Branch',
    description: 'Take the first path whose condition holds, else the else path.',
    category: 'logic',
  },
  split: {
    title: 'A/B split',
    description: 'Send people down weighted variants, sticky per person.',
    category: 'logic',
  },
  message: {
    title: 'Message',
    description: 'Send email, push, SMS, WhatsApp or a webhook, with channel fallback.',
    category: 'messages',
  },
  updateProfile: {
    title: 'Update profile',
    description: 'Set, unset or increment profile attributes.',
    category: 'data',
  },
  custom: { title: 'Custom step', description: 'A step written in TypeScript by your developers.', category: 'custom' },
  exit: { title: 'Exit', description: 'Leave the journey.', category: 'logic' },
};
