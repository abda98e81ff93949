import type { EventFields } from '../conditions/context.js';
import type { Template } from '../schema/templates.js';
import { htmlLiquid, liquid, renderWithinLimits, TemplateLimitError } from './liquid.js';

/** The Liquid context (docs/journey-language.md#templates). */
export interface TemplateContext {
  profile: Record<string, unknown>;
  /** In message templates the same as `trigger` (kept for compatibility). */
  event?: EventFields;
  /** The event that started the entry. */
  trigger?: EventFields;
  /** Entry variables set by `context` nodes. */
  vars?: Record<string, unknown>;
  journey: { id: string; name: string; version: number };
  message: { id: string };
  unsubscribe_url?: string;
}

export interface FieldError {
  /** Dotted path inside the template, e.g. `subject` or `variables.1`. */
  field: string;
  message: string;
  /** `template_limit` when the field went over a limit of TEMPLATE_LIMITS (a failed message's reason). */
  code?: 'template_limit';
}

export type RenderResult<T> = { ok: true; rendered: T } | { ok: false; errors: FieldError[] };

/** Renders every string of a template (nested objects included); all fields or none. The `html` field escapes its values. */
export function renderTemplate<T extends Template>(template: T, context: TemplateContext): RenderResult<T> {
  const errors: FieldError[] = [];
  const render = (value: unknown, path: string[]): unknown => {
    if (typeof value === 'string') {
      try {
        return renderWithinLimits(path[0] === 'html' ? htmlLiquid : liquid, value, context);
      } catch (error) {
        const limit = error instanceof TemplateLimitError ? { code: 'template_limit' as const } : {};
        errors.push({ field: path.join('.'), message: (error as Error).message, ...limit });
        return value;
      }
    }
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, render(inner, [...path, key])]));
    }
    return value;
  };
  const rendered = render(template, []) as T;
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rendered };
}

/** Renders one string (an `at` expression, an updateProfile value) against the context, within TEMPLATE_LIMITS. */
export function renderString(source: string, context: object): string {
  return renderWithinLimits(liquid, source, context);
}

/** The outcome reason of a message whose template did not render: over a limit, or any other error. */
export const renderFailureReason = (errors: FieldError[]): 'template_limit' | 'render_error' =>
  errors.some((error) => error.code === 'template_limit') ? 'template_limit' : 'render_error';

/** What a `context` node's Liquid values render against: the entry as it was before the node. */
export type VarsContext = Required<Pick<TemplateContext, 'profile' | 'trigger' | 'vars'>>;

/** A `context` node's Liquid values, rendered as the engine's activity does. */
export function renderVars({
  templates,
  context,
}: {
  templates: Record<string, string>;
  context: VarsContext;
}): Record<string, string> {
  return Object.fromEntries(
    Object.entries(templates).map(([name, source]) => [
      name,
      renderString(source, { ...context, event: context.trigger }),
    ]),
  );
}
