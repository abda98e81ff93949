/** `GET /api/journeys/:id/stats`: what the designer's overlay draws (the engine computes it). */
export interface JourneyStats {
  version: number | null;
  /** Per node: entries that reached it, are waiting there now, and ended there. */
  nodes: Record<string, { entered: number; waiting: number; exited: number }>;
  /** Per edge taken: how many moved along it. */
  edges: { from: string; handle: string; to: string; count: number }[];
  /** Per message node: count per outbox status (sent, delivered, opened, clicked, failed, skipped, ...) and skip/fail reasons. */
  messages: Record<string, Record<string, number> & { reasons: Record<string, number> }>;
  conversions: { total: number; byVariant: Record<string, number>; byMessage: Record<string, number> };
  /** The journey's headline numbers: people who entered, are in it now, and converted. */
  totals: { entered: number; active: number; converted: number };
}
