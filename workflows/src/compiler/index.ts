export * from './compile.js';
export * from './diagnostics.js';
export { segmentConditionProblems } from './segment-condition.js';
