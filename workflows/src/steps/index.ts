export * from './outputs.js';
export * from './registry.js';
