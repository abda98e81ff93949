import { describe, expect, it } from 'vitest';
import { zonedTimes } from './time';

describe('times on several clocks', () => {
  it('labels each clock, says a shared zone once, and leaves out a zone that does not exist', () => {
    const zones = [
      { label: 'their time', zone: 'Asia/Seoul' },
      { label: 'journey time', zone: 'UTC' },
      { label: 'your time', zone: 'UTC' },
      { label: 'typo', zone: 'Asia/Seol' },
    ];
    expect(zonedTimes('2027-01-01T23:30:00.000Z', zones)).toBe(
      'Sat, Jan 2, 2027, 08:30 their time (Asia/Seoul) · Fri, Jan 1, 23:30 journey time (UTC)',
    );
    expect(zonedTimes('2027-01-01T03:30:00.000Z', zones)).toBe(
      'Fri, Jan 1, 2027, 12:30 their time (Asia/Seoul) · 03:30 journey time (UTC)',
    );
  });
});
