// The module the worker bundles: every export here is registered as a workflow type.
export { journey } from './journey-workflow.js';
export { audience } from './audience-workflow.js';
