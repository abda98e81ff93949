export * from './context.js';
export * from './evaluate.js';
