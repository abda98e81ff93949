/** The browser's own zone: the marketer's "your time". */
export const browserZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** "Sat, Jan 2, 2027, 10:00" in a zone. */
export function timeIn(iso: string, zone: string): string {
  return new Date(iso).toLocaleString('en-US', {
    timeZone: zone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}

export interface LabelledZone {
  /** Whose clock: "their time", "journey time", "your time". */
  label: string;
  zone: string;
}

/**
 * One instant on each clock that matters, labelled: "Sat, Jan 2, 2027, 10:00 their time (Asia/Seoul)
 * · 01:00 journey time (UTC)". Clocks that show the same zone are said once.
 */
export function zonedTimes(iso: string, zones: readonly LabelledZone[]): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const { label, zone } of zones.filter((candidate) => knownZone(candidate.zone))) {
    if (seen.has(zone)) continue;
    seen.add(zone);
    const text =
      parts.length === 0
        ? timeIn(iso, zone)
        : new Date(iso).toLocaleString('en-US', {
            timeZone: zone,
            hour: '2-digit',
            minute: '2-digit',
            hourCycle: 'h23',
            ...(sameDay(iso, zone, [...seen][0]!) ? {} : { weekday: 'short', month: 'short', day: 'numeric' }),
          });
    parts.push(`${text} ${label} (${zone})`);
  }
  return parts.join(' · ');
}

/** A zone typed on a test profile may be wrong ("Asia/Seol"): such a clock is left out, not a crash. */
function knownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const dayIn = (iso: string, zone: string) => new Date(iso).toLocaleDateString('en-CA', { timeZone: zone });
const sameDay = (iso: string, a: string, b: string) => dayIn(iso, a) === dayIn(iso, b);
