/** Nodes one input may move through before the entry is stopped as a runaway loop. */
export const MAX_STEPS_PER_INPUT = 500;
/** Bounds that keep the state compact for continue-as-new. */
export const MAX_PATH = 200;
export const MAX_EVENTS = 100;
export const MAX_SEEN = 500;

/** Appends and keeps the newest `max` items. */
export function pushBounded<T>(list: T[], item: T, max: number): T[] {
  const next = [...list, item];
  return next.length > max ? next.slice(next.length - max) : next;
}
