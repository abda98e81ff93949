import { describe, expect, it } from 'vitest';
import { addDuration, nextLocalTime, subtractDuration } from './arithmetic.js';
import { resolveZone } from './zone.js';

describe('addDuration', () => {
  it('adds calendar months, clamping to the end of shorter months', () => {
    expect(addDuration('2027-01-31T10:00:00Z', 'P1M')).toBe('2027-02-28T10:00:00.000Z');
    expect(addDuration('2028-01-31T10:00:00Z', 'P1M')).toBe('2028-02-29T10:00:00.000Z');
    expect(addDuration('2027-01-31T10:00:00Z', 'P7M')).toBe('2027-08-31T10:00:00.000Z');
    expect(subtractDuration('2027-03-31T10:00:00Z', 'P1M')).toBe('2027-02-28T10:00:00.000Z');
  });

  it('keeps the local time of day across a DST change for day units, and exact hours for time units', () => {
    // New York springs forward on 2027-03-14.
    expect(addDuration('2027-03-13T14:00:00Z', 'P1D', 'America/New_York')).toBe('2027-03-14T13:00:00.000Z');
    expect(addDuration('2027-03-13T14:00:00Z', 'PT24H', 'America/New_York')).toBe('2027-03-14T14:00:00.000Z');
    // Berlin falls back on 2027-10-31.
    expect(addDuration('2027-10-30T08:00:00Z', 'P1D', 'Europe/Berlin')).toBe('2027-10-31T09:00:00.000Z');
    // Sydney falls back (first Sunday of April) on 2027-04-04.
    expect(addDuration('2027-04-02T23:00:00Z', 'P2D', 'Australia/Sydney')).toBe('2027-04-05T00:00:00.000Z');
  });
});

describe('nextLocalTime', () => {
  it('finds the next 10:00 in the user zone, today or tomorrow', () => {
    expect(nextLocalTime('2027-06-01T00:30:00Z', 'Asia/Seoul', { localTime: '10:00' })).toBe(
      '2027-06-01T01:00:00.000Z',
    );
    expect(nextLocalTime('2027-06-01T01:30:00Z', 'Asia/Seoul', { localTime: '10:00' })).toBe(
      '2027-06-02T01:00:00.000Z',
    );
    expect(nextLocalTime('2027-06-01T01:00:00Z', 'Asia/Seoul', { localTime: '10:00' })).toBe(
      '2027-06-01T01:00:00.000Z',
    );
  });

  it('moves a time inside the spring-forward gap forward by the gap', () => {
    // 02:30 does not exist in New York on 2027-03-14; it becomes 03:30 EDT (07:30Z).
    expect(nextLocalTime('2027-03-14T05:00:00Z', 'America/New_York', { localTime: '02:30' })).toBe(
      '2027-03-14T07:30:00.000Z',
    );
    // Berlin springs forward on 2027-03-28: 02:30 -> 03:30 CEST (01:30Z).
    expect(nextLocalTime('2027-03-27T23:00:00Z', 'Europe/Berlin', { localTime: '02:30' })).toBe(
      '2027-03-28T01:30:00.000Z',
    );
  });

  it('picks the first occurrence of a repeated fall-back time', () => {
    // 01:30 happens twice in New York on 2027-11-07: first at EDT (05:30Z).
    expect(nextLocalTime('2027-11-07T04:00:00Z', 'America/New_York', { localTime: '01:30' })).toBe(
      '2027-11-07T05:30:00.000Z',
    );
    // 02:30 happens twice in Sydney on 2027-04-04: first at AEDT (+11, 15:30Z the day before).
    expect(nextLocalTime('2027-04-03T13:00:00Z', 'Australia/Sydney', { localTime: '02:30' })).toBe(
      '2027-04-03T15:30:00.000Z',
    );
  });

  it('restricts to weekdays', () => {
    // 2027-06-04 is a Friday; the next Monday 09:00 in Berlin (CEST) is 2027-06-07T07:00Z.
    expect(nextLocalTime('2027-06-04T12:00:00Z', 'Europe/Berlin', { localTime: '09:00', days: ['mon'] })).toBe(
      '2027-06-07T07:00:00.000Z',
    );
    expect(nextLocalTime('2027-06-04T12:00:00Z', 'Europe/Berlin', { days: ['sat', 'sun'] })).toBe(
      '2027-06-05T12:00:00.000Z',
    );
  });
});

describe('resolveZone', () => {
  it('prefers the profile, then the journey, then UTC, ignoring unknown zones', () => {
    expect(resolveZone('Asia/Seoul', 'Europe/Berlin')).toBe('Asia/Seoul');
    expect(resolveZone('Nowhere/Land', 'Europe/Berlin')).toBe('Europe/Berlin');
    expect(resolveZone(undefined, undefined)).toBe('UTC');
  });
});
