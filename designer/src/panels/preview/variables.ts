import type { SeenFields } from '@waymark/workflows/api';
import { pathWords } from '../../words/conditions';

/** A `{{ profile.x }}` / `{{ event.properties.y }}` a template prints, and whether it has a fallback (`| default: …`). */
export interface TemplateVariable {
  path: string;
  hasDefault: boolean;
}

const VARIABLE = /\{\{\s*((?:profile|event)(?:\.[\w$-]+)+)\s*(\|[^}]*)?\}\}/g;

/** Every variable printed anywhere in a template (subject, body, url, ...), once each. */
export function templateVariables(template: unknown): TemplateVariable[] {
  const found = new Map<string, TemplateVariable>();
  const visit = (value: unknown) => {
    if (typeof value === 'string') {
      for (const match of value.matchAll(VARIABLE)) {
        const path = match[1]!;
        const hasDefault = /\bdefault\b/.test(match[2] ?? '');
        found.set(path, { path, hasDefault: (found.get(path)?.hasDefault ?? true) && hasDefault });
      }
    } else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(template);
  return [...found.values()];
}

export interface SampleData {
  profile: Record<string, unknown>;
  event: { name: string; properties: Record<string, unknown> };
}

function valueAt(path: string, sample: SampleData): unknown {
  const [root, ...rest] = path.split('.');
  let value: unknown = root === 'profile' ? sample.profile : root === 'event' ? sample.event : undefined;
  for (const key of rest)
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

const squash = (path: string) => path.toLowerCase().replace(/[_-]/g, '');

/**
 * Variables that would print nothing: missing on the test profile or event, or named differently
 * from what real profiles and events carry (`first_name` in the template, `firstName` in the data).
 * Variables with a `default` fallback never print nothing.
 */
export function emptyVariableWarnings(
  variables: readonly TemplateVariable[],
  sample: SampleData,
  seen?: SeenFields,
): string[] {
  const real = seen ? [...seen.profile, ...seen.event].map((field) => field.path) : [];
  const isReal = (path: string) => real.includes(path) || !/^(profile|event\.properties)\./.test(path);
  return variables.flatMap(({ path, hasDefault }) => {
    if (hasDefault) return [];
    const name = pathWords(path);
    if (seen && real.length > 0 && !isReal(path)) {
      const similar = real.find((candidate) => squash(candidate) === squash(path));
      if (similar)
        return [
          `“${name}” is not on real ${path.startsWith('profile') ? 'profiles' : 'events'}, which have “${pathWords(similar)}”: write {{ ${similar} }} or it prints nothing.`,
        ];
      return [
        `No real ${path.startsWith('profile') ? 'profile' : 'event'} has “${name}” yet: it would print nothing. Add a fallback, e.g. {{ ${path} | default: "there" }}.`,
      ];
    }
    const value = valueAt(path, sample);
    if (value === undefined || value === null || value === '')
      return [
        `“${name}” is empty for the test ${path.startsWith('profile') ? 'profile' : 'event'}, so the preview prints nothing there. Add it to the test data, or a fallback: {{ ${path} | default: "there" }}.`,
      ];
    return [];
  });
}

/** Fields to offer for personalisation: those seen on real data first, then the test data's own. */
export function personalisationFields(sample: SampleData, seen?: SeenFields): { path: string; example: string }[] {
  const fromSample = [
    ...Object.entries(sample.profile)
      .filter(([, value]) => typeof value !== 'object')
      .map(([key, value]) => ({ path: `profile.${key}`, example: String(value) })),
    ...Object.entries(sample.event.properties)
      .filter(([, value]) => typeof value !== 'object')
      .map(([key, value]) => ({ path: `event.properties.${key}`, example: String(value) })),
  ];
  const fields = [...(seen ? [...seen.profile, ...seen.event] : []), ...fromSample];
  return fields.filter((field, index) => fields.findIndex((other) => other.path === field.path) === index);
}
