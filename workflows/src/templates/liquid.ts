import { Liquid } from 'liquidjs';

/**
 * One Liquid setup for previews, the simulator and real sends: unknown filters are errors (a typo
 * should not ship), unknown variables render empty so `{{ profile.first_name | default: "there" }}` works.
 */
export const liquid = new Liquid({ strictFilters: true, strictVariables: false, ownPropertyOnly: true, cache: 200 });

/** The parse error of a template, or undefined when it parses. */
export function liquidParseError(source: string): string | undefined {
  try {
    liquid.parse(source);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** True when the text contains Liquid markup at all. */
export const hasLiquid = (text: string): boolean => text.includes('{{') || text.includes('{%');
