export * from './compile.js';
export * from './diagnostics.js';
