/** A single-unit ISO-8601 duration as the form shows it: amount + unit. */
export interface AmountAndUnit {
  amount: number;
  unit: DurationUnit;
}

export const durationUnits = ['minutes', 'hours', 'days', 'weeks', 'months', 'years'] as const;
export type DurationUnit = (typeof durationUnits)[number];

const designators: Record<DurationUnit, { iso: string; time: boolean }> = {
  minutes: { iso: 'M', time: true },
  hours: { iso: 'H', time: true },
  days: { iso: 'D', time: false },
  weeks: { iso: 'W', time: false },
  months: { iso: 'M', time: false },
  years: { iso: 'Y', time: false },
};

/** `P2D` -> 2 days; undefined for compound or unparseable durations (the form then shows the raw text). */
export function parseDuration(iso: string): AmountAndUnit | undefined {
  const match = /^P(?:(\d+(?:\.\d+)?)([YMWD])|T(\d+(?:\.\d+)?)([HM]))$/.exec(iso.trim());
  if (!match) return undefined;
  const time = match[3] !== undefined;
  const amount = Number(time ? match[3] : match[1]);
  const designator = time ? match[4] : match[2];
  const unit = durationUnits.find((u) => designators[u].iso === designator && designators[u].time === time);
  return unit ? { amount, unit } : undefined;
}

export function formatDuration({ amount, unit }: AmountAndUnit): string {
  const { iso, time } = designators[unit];
  return `P${time ? 'T' : ''}${amount}${iso}`;
}

/** `P2D` -> "2 days", `PT1H` -> "1 hour"; unknown shapes are shown as written. */
export function describeDuration(iso: string | undefined): string {
  if (!iso) return '…';
  const seconds = /^PT(\d+)S$/.exec(iso.trim());
  if (seconds) return `${seconds[1]} second${seconds[1] === '1' ? '' : 's'}`;
  const parsed = parseDuration(iso);
  if (!parsed) return iso;
  const unit = parsed.amount === 1 ? parsed.unit.slice(0, -1) : parsed.unit;
  return `${parsed.amount} ${unit}`;
}
