/** True when the text contains Liquid markup at all. No liquidjs import: the workflow sandbox uses it too. */
export const hasLiquid = (text: string): boolean => text.includes('{{') || text.includes('{%');
