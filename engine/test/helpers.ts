import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';

export const shared = () => inject('services');

/** The shared store's URI with a database of its own, so test files never see each other's documents. */
export function isolatedMongoUri(prefix: string): string {
  const url = new URL(shared().mongoUri);
  url.pathname = `/${prefix}-${randomUUID().slice(0, 8)}`;
  return url.toString();
}
