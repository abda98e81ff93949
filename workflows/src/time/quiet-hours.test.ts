import { describe, expect, it } from 'vitest';
import { quietHoursEnd } from './quiet-hours.js';

const overnight = { start: '21:00', end: '08:00' };

describe('quietHoursEnd', () => {
  it('ends an overnight window at the next local end, before and after midnight', () => {
    // 22:30 in Seoul (UTC+9) -> 08:00 the next morning there.
    expect(quietHoursEnd('2027-03-01T13:30:00.000Z', 'Asia/Seoul', overnight)).toBe('2027-03-01T23:00:00.000Z');
    // 03:00 in Seoul -> 08:00 the same morning.
    expect(quietHoursEnd('2027-03-01T18:00:00.000Z', 'Asia/Seoul', overnight)).toBe('2027-03-01T23:00:00.000Z');
  });

  it('is not quiet outside the window, at its end, or for the same instant in another zone', () => {
    expect(quietHoursEnd('2027-03-01T03:00:00.000Z', 'Asia/Seoul', overnight)).toBeUndefined(); // 12:00 Seoul
    expect(quietHoursEnd('2027-03-01T23:00:00.000Z', 'Asia/Seoul', overnight)).toBeUndefined(); // 08:00 sharp
    expect(quietHoursEnd('2027-03-01T13:30:00.000Z', 'Europe/Berlin', overnight)).toBeUndefined(); // 14:30 Berlin
  });

  it('handles windows within one day', () => {
    expect(quietHoursEnd('2027-03-01T12:30:00.000Z', 'UTC', { start: '12:00', end: '14:00' })).toBe(
      '2027-03-01T14:00:00.000Z',
    );
    expect(quietHoursEnd('2027-03-01T11:59:00.000Z', 'UTC', { start: '12:00', end: '14:00' })).toBeUndefined();
  });

  it('ends at the wall-clock end across a DST change (New York, spring forward and fall back)', () => {
    // 2027-03-14: clocks go 02:00 -> 03:00. 23:00 EST on the 13th (04:00Z) -> 08:00 EDT (12:00Z): 8 h, not 9.
    expect(quietHoursEnd('2027-03-14T04:00:00.000Z', 'America/New_York', overnight)).toBe('2027-03-14T12:00:00.000Z');
    // 2027-11-07: clocks go 02:00 -> 01:00. 23:00 EDT on the 6th (03:00Z) -> 08:00 EST (13:00Z): 10 h.
    expect(quietHoursEnd('2027-11-07T03:00:00.000Z', 'America/New_York', overnight)).toBe('2027-11-07T13:00:00.000Z');
  });

  it('counts the repeated fall-back hour as quiet in a window that covers it', () => {
    // 01:30 EDT and 01:30 EST both lie in 01:00-03:00; both end at 03:00 EST (08:00Z).
    const window = { start: '01:00', end: '03:00' };
    expect(quietHoursEnd('2027-11-07T05:30:00.000Z', 'America/New_York', window)).toBe('2027-11-07T08:00:00.000Z');
    expect(quietHoursEnd('2027-11-07T06:30:00.000Z', 'America/New_York', window)).toBe('2027-11-07T08:00:00.000Z');
  });
});
