export * from './condition.js';
export * from './document.js';
export * from './duration.js';
export * from './nodes.js';
export * from './settings.js';
export * from './templates.js';
export * from './json-schema.js';
export * from './contact-policy.js';
