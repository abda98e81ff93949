import { DateTime, Duration } from 'luxon';

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

function parseInstant(instant: string, zone: string): DateTime {
  const parsed = DateTime.fromISO(instant, { zone });
  if (!parsed.isValid) throw new Error(`"${instant}" is not an ISO-8601 instant`);
  return parsed;
}

const toIso = (dt: DateTime): string => dt.toUTC().toISO()!;

/**
 * Adds an ISO-8601 duration in the given zone: calendar parts (years, months, days) move the
 * local date and keep the local time (Jan 31 + P1M = Feb 28/29; P1D across DST stays 10:00),
 * time parts add exact hours.
 */
export function addDuration(instant: string, duration: string, zone = 'UTC'): string {
  const parsed = Duration.fromISO(duration);
  if (!parsed.isValid) throw new Error(`"${duration}" is not an ISO-8601 duration`);
  return toIso(parseInstant(instant, zone).plus(parsed));
}

/** The instant `duration` before `instant` in the zone ("within the last P30D"). */
export function subtractDuration(instant: string, duration: string, zone = 'UTC'): string {
  const parsed = Duration.fromISO(duration);
  if (!parsed.isValid) throw new Error(`"${duration}" is not an ISO-8601 duration`);
  return toIso(parseInstant(instant, zone).minus(parsed));
}

/**
 * The first instant at or after `instant` whose local time in `zone` is `localTime` ("HH:mm",
 * default: keep the time of day) on one of `days` (default: any day). A local time that does not
 * exist (spring-forward gap) moves forward by the gap; one that occurs twice (fall-back) is the
 * earlier occurrence.
 */
export function nextLocalTime(
  instant: string,
  zone: string,
  { localTime, days }: { localTime?: string; days?: readonly Weekday[] },
): string {
  const start = parseInstant(instant, zone);
  const [hour, minute] = localTime ? localTime.split(':').map(Number) : [start.hour, start.minute];
  for (let offset = 0; offset <= 7; offset++) {
    const day = start.plus({ days: offset });
    const candidate = localTime ? day.set({ hour, minute, second: 0, millisecond: 0 }) : day;
    if (candidate < start) continue;
    if (days && !days.includes(weekdays[candidate.weekday - 1]!)) continue;
    return toIso(candidate);
  }
  throw new Error('no matching local time within a week'); // unreachable with at least one day
}
