import { withLock } from '../models/index.js';

/**
 * Serialises writes to one user's profile across processes. FerretDB applies an update by rewriting the
 * whole document, so an identify and a journey's profile update landing together would lose one of
 * them; under this lock they apply one after the other (docs/store.md, "One writer per document").
 */
export function withProfileLock<T>(userId: string, write: () => Promise<T>): Promise<T> {
  return withLock(`profile:${userId}`, write);
}
