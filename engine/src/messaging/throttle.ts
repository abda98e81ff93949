import pThrottle from 'p-throttle';

type Gate = () => Promise<void>;

/**
 * Per-channel sends-per-second limits (contact policy `throttle`). Enforced per worker process:
 * with N workers, each may send at the configured rate.
 */
export class ChannelThrottle {
  private readonly gates = new Map<string, { rate: number; gate: Gate }>();

  /** Resolves when a send on `channel` may go out; at once when the channel has no limit. */
  async wait(channel: string, rate: number | undefined): Promise<void> {
    if (!rate) return;
    let entry = this.gates.get(channel);
    if (entry?.rate !== rate) {
      // Below one per second: one send per 1/rate seconds.
      const options = rate >= 1 ? { limit: Math.floor(rate), interval: 1000 } : { limit: 1, interval: Math.round(1000 / rate) };
      entry = { rate, gate: pThrottle(options)(async () => {}) };
      this.gates.set(channel, entry);
    }
    await entry.gate();
  }
}
