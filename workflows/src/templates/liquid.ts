import { Liquid } from 'liquidjs';

/**
 * What one template may cost, so a runaway loop (`{% for i in (1..100000000) %}`) fails its message
 * instead of freezing the process. Real templates stay far below: a few KB of source, milliseconds of
 * rendering. Documented in the README (Templates).
 */
export const TEMPLATE_LIMITS = {
  /** Characters of template source. */
  sourceChars: 100_000,
  /** Milliseconds of rendering per template field (the render runs synchronously on the event loop). */
  renderMs: 500,
  /** liquidjs's allocation budget: range lengths, string filter results, `| json` output. */
  memory: 1_000_000,
  /** Characters of rendered output per template field. */
  outputChars: 1_000_000,
} as const;

/**
 * One Liquid setup for previews, the simulator and real sends: unknown filters are errors (a typo
 * should not ship), unknown variables render empty so `{{ profile.first_name | default: "there" }}` works.
 */
const options = {
  strictFilters: true,
  strictVariables: false,
  ownPropertyOnly: true,
  cache: 200,
  parseLimit: TEMPLATE_LIMITS.sourceChars,
  renderLimit: TEMPLATE_LIMITS.renderMs,
  memoryLimit: TEMPLATE_LIMITS.memory,
} as const;
export const liquid = new Liquid(options);

/** For HTML (email `html`, MJML included): values are HTML-escaped, so a profile value cannot inject markup; `| raw` opts out. */
export const htmlLiquid = new Liquid({ ...options, outputEscape: 'escape' });

/** A template went over one of TEMPLATE_LIMITS. */
export class TemplateLimitError extends Error {
  override name = 'TemplateLimitError';
}

const LIQUID_LIMIT = /(parse length|template render|memory alloc) limit exceeded/;

/** Renders `source` within TEMPLATE_LIMITS; over a limit it throws TemplateLimitError naming the limit. */
export function renderWithinLimits(engine: Liquid, source: string, context: object): string {
  if (source.length > TEMPLATE_LIMITS.sourceChars) {
    throw new TemplateLimitError(`the template is longer than ${TEMPLATE_LIMITS.sourceChars} characters`);
  }
  let output: string;
  try {
    output = engine.parseAndRenderSync(source, context);
  } catch (error) {
    const message = (error as Error).message;
    const limit = LIQUID_LIMIT.exec(message)?.[1];
    if (limit === 'template render')
      throw new TemplateLimitError(`rendering took longer than ${TEMPLATE_LIMITS.renderMs} ms (a loop too long?)`);
    if (limit === 'memory alloc')
      throw new TemplateLimitError(
        `the template allocates more than ${TEMPLATE_LIMITS.memory} units (a range or string too long?)`,
      );
    if (limit) throw new TemplateLimitError(`the template is longer than ${TEMPLATE_LIMITS.sourceChars} characters`);
    // V8 gives up on strings beyond ~512 MB before the render limit does.
    if (error instanceof RangeError || /Invalid string length/.test(message))
      throw new TemplateLimitError(`the output is longer than ${TEMPLATE_LIMITS.outputChars} characters`);
    throw error;
  }
  if (output.length > TEMPLATE_LIMITS.outputChars)
    throw new TemplateLimitError(`the output is longer than ${TEMPLATE_LIMITS.outputChars} characters`);
  return output;
}

/** The parse error of a template, or undefined when it parses. */
export function liquidParseError(source: string): string | undefined {
  try {
    liquid.parse(source);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * The limit a template goes over whatever the data, found by rendering it once with an empty context
 * (literal ranges, runaway loops, huge literal output); undefined when it stays within the limits.
 */
export function liquidLimitError(source: string): string | undefined {
  try {
    renderWithinLimits(liquid, source, {
      profile: {},
      event: { name: '', properties: {}, timestamp: '' },
      journey: {},
      message: {},
    });
    return undefined;
  } catch (error) {
    return error instanceof TemplateLimitError ? error.message : undefined;
  }
}

export { hasLiquid } from '../util/has-liquid.js';
