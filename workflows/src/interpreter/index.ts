export { initialState, step, resolveInstant, type StartOptions } from './interpreter.js';
export { assignVariant } from './split.js';
export * from './limits.js';
export type * from './types.js';
