import { Liquid } from 'liquidjs';

/**
 * One Liquid setup for previews, the simulator and real sends: unknown filters are errors (a typo
 * should not ship), unknown variables render empty so `{{ profile.first_name | default: "there" }}` works.
 */
const options = { strictFilters: true, strictVariables: false, ownPropertyOnly: true, cache: 200 } as const;
export const liquid = new Liquid(options);

/** For HTML (email `html`, MJML included): values are HTML-escaped, so a profile value cannot inject markup; `| raw` opts out. */
export const htmlLiquid = new Liquid({ ...options, outputEscape: 'escape' });

/** The parse error of a template, or undefined when it parses. */
export function liquidParseError(source: string): string | undefined {
  try {
    liquid.parse(source);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

export { hasLiquid } from './has-liquid.js';
