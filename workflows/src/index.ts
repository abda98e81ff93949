// The journey language: browser-safe, no I/O. Temporal-specific parts live under ./temporal.
export * from './schema/index.js';
export * from './compiler/index.js';
export * from './conditions/index.js';
export * from './interpreter/index.js';
export * from './simulator/index.js';
export * from './steps/index.js';
export * from './templates/index.js';
export * from './time/index.js';
export type { IRNode, JourneyIR, NodeOf } from './ir/types.js';
export { IR_VERSION } from './ir/types.js';
export * from './examples/index.js';
// The HTTP API's schemas and types are the subpath @waymark/workflows/api.
export { ApiError } from './api/error.js';
