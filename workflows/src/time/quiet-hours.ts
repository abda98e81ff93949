import { DateTime } from 'luxon';
import { nextLocalTime } from './arithmetic.js';

const minutesOf = (localTime: string): number => {
  const [hour, minute] = localTime.split(':').map(Number);
  return hour! * 60 + minute!;
};

/**
 * If `instant` falls inside the daily quiet window [start, end) of the user's zone, the instant the
 * window ends (ISO); else undefined. Windows may cross midnight (21:00-08:00); on a DST night the
 * end is still the wall-clock `end`, so the window is an hour shorter or longer in real time.
 */
export function quietHoursEnd(
  instant: string,
  zone: string,
  window: { start: string; end: string },
): string | undefined {
  const local = DateTime.fromISO(instant, { zone });
  const now = local.hour * 60 + local.minute;
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  const inside = start < end ? now >= start && now < end : now >= start || now < end;
  return inside ? nextLocalTime(instant, zone, { localTime: window.end }) : undefined;
}
