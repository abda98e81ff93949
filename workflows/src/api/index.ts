// The engine's HTTP API as zod schemas: requests the engine validates, answers the designer reads,
// and the route table /api/openapi.json is generated from (docs/architecture.md#the-api).
export * from './analytics.js';
export * from './common.js';
export * from './data.js';
export * from './diagnostics.js';
export { ApiError } from './error.js';
export * from './experiments.js';
export * from './ingest.js';
export * from './journeys.js';
export * from './messages.js';
export * from './profiles.js';
export * from './routes.js';
export * from './session.js';
export * from './settings.js';
export * from './simulate.js';
export * from './stats.js';
export * from './steps.js';
export * from './storable.js';
export * from './test-send.js';
