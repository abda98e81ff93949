/**
 * A value loaded on demand and reused for `ttlMs`, so a hot path reads shared state (settings, the
 * published journeys) once per interval rather than once per call. A failed load is forgotten: the
 * next call loads again.
 */
export class Expiring<T> {
  private cached?: { at: number; value: Promise<T> };

  constructor(
    private readonly load: () => Promise<T>,
    private readonly ttlMs: number,
  ) {}

  get(): Promise<T> {
    if (!this.cached || Date.now() - this.cached.at > this.ttlMs) {
      const value = this.load();
      const cached = { at: Date.now(), value };
      this.cached = cached;
      value.catch(() => {
        if (this.cached === cached) this.cached = undefined;
      });
    }
    return this.cached.value;
  }

  /** The next `get` loads again (a change made in this process). */
  invalidate(): void {
    this.cached = undefined;
  }
}
