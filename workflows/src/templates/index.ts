export * from './liquid.js';
export * from './render.js';
export * from './email-blocks.js';
