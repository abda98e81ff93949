export * from './arithmetic.js';
export * from './zone.js';
export * from './quiet-hours.js';
