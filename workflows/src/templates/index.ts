export * from './liquid.js';
export * from './render.js';
