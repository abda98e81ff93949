import { describe, expect, it } from 'vitest';
import type { AnalyticsPoint } from '@waymark/workflows/api';
import { interval, sendColumns, toCsv, toRows } from './series';

const points: AnalyticsPoint[] = [
  {
    t: '2027-01-01T00:00:00.000Z',
    entries: 3,
    conversions: 1,
    opened: 2,
    clicked: 0,
    sends: { email: { delivered: 2 }, sms: { failed: 1 } },
  },
  { t: '2027-01-01T01:00:00.000Z', entries: 0, conversions: 0, opened: 0, clicked: 1, sends: { email: { sent: 1 } } },
];

describe('analytics series', () => {
  it('flattens sends into one column per channel and status', () => {
    expect(sendColumns(points)).toEqual(['email delivered', 'email sent', 'sms failed']);
    expect(toRows(points)[1]).toEqual({
      t: '2027-01-01T01:00:00.000Z',
      entries: 0,
      conversions: 0,
      opened: 0,
      clicked: 1,
      'email delivered': 0,
      'email sent': 1,
      'sms failed': 0,
    });
  });

  it('writes CSV with a header and quotes fields that need it', () => {
    const rows = toRows(points);
    expect(toCsv(rows, ['t', 'entries', 'email delivered'])).toBe(
      't,entries,email delivered\r\n2027-01-01T00:00:00.000Z,3,2\r\n2027-01-01T01:00:00.000Z,0,0\r\n',
    );
    expect(toCsv([{ t: 'a,"b"' }], ['t'])).toBe('t\r\n"a,""b"""\r\n');
  });

  it('formats intervals as percentages', () => {
    expect(interval([0.0552, 0.1744])).toBe('5.5% – 17.4%');
  });
});
