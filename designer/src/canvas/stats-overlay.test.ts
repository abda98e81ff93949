import { describe, expect, it } from 'vitest';
import type { JourneyStats } from '@waymark/workflows/api';
import { edgeStatLabel, messageFunnel } from './stats-overlay';

describe('stats overlay', () => {
  it('counts every later stage in the earlier ones', () => {
    expect(messageFunnel({ sent: 2, delivered: 3, opened: 1, clicked: 4, failed: 9 })).toEqual({
      sent: 10,
      delivered: 8,
      opened: 5,
      clicked: 4,
    });
    expect(messageFunnel(undefined)).toEqual({ sent: 0, delivered: 0, opened: 0, clicked: 0 });
  });

  it('labels edges with count and share of their source', () => {
    const stats: JourneyStats = {
      version: 1,
      nodes: {},
      messages: {},
      conversions: { total: 0, byVariant: {}, byMessage: {} },
      totals: { entered: 0, active: 0, converted: 0 },
      edges: [
        { from: 'w', handle: 'matched', to: 'x', count: 1 },
        { from: 'w', handle: 'timeout', to: 'm', count: 3 },
      ],
    };
    expect(edgeStatLabel(stats, { source: 'w', sourceHandle: 'timeout', target: 'm' })).toBe('3 · 75%');
    expect(edgeStatLabel(stats, { source: 'm', target: 'x' })).toBeUndefined();
  });
});
