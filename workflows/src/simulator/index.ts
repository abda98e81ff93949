export * from './simulate.js';
export { canReach } from './reachability.js';
