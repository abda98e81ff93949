export * from './arithmetic.js';
export * from './zone.js';
