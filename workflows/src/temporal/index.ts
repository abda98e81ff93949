// Temporal-specific pieces, kept out of the browser-safe main entry.
export * from './search-attributes.js';
