export {
  endAfterSend,
  firstStop,
  holdsEntry,
  initialState,
  step,
  resolveInstant,
  type StartOptions,
} from './interpreter.js';
export { assignVariant } from './split.js';
export { inHoldout } from './holdout.js';
export * from './limits.js';
export type * from './types.js';
export { completionReasons } from './types.js';
