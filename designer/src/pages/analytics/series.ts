import type { AnalyticsPoint } from '@waymark/workflows/api';

/** The activity measures charted over time, in legend order. */
export const activityMeasures = [
  { key: 'entries', label: 'Entries' },
  { key: 'conversions', label: 'Conversions' },
  { key: 'opened', label: 'Opens' },
  { key: 'clicked', label: 'Clicks' },
] as const;

/** One chart/CSV row per bucket: the activity measures plus one column per `channel status` pair. */
export type SeriesRow = { t: string } & Record<string, number | string>;

/** Every `channel status` pair that occurs, sorted: the columns of the sends chart and the CSV. */
export function sendColumns(points: AnalyticsPoint[]): string[] {
  const columns = new Set<string>();
  for (const point of points)
    for (const [channel, statuses] of Object.entries(point.sends))
      for (const status of Object.keys(statuses)) columns.add(`${channel} ${status}`);
  return [...columns].sort();
}

export function toRows(points: AnalyticsPoint[], columns = sendColumns(points)): SeriesRow[] {
  return points.map((point) => {
    const row: SeriesRow = {
      t: point.t,
      entries: point.entries,
      conversions: point.conversions,
      opened: point.opened,
      clicked: point.clicked,
    };
    for (const column of columns) {
      const [channel, status] = column.split(' ') as [string, string];
      row[column] = point.sends[channel]?.[status] ?? 0;
    }
    return row;
  });
}

/** RFC 4180 CSV: a header line, then one line per row; fields with commas, quotes or line breaks are quoted. */
export function toCsv(rows: SeriesRow[], columns: string[]): string {
  const field = (value: unknown) => {
    const text = String(value ?? '');
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return (
    [columns.map(field).join(','), ...rows.map((row) => columns.map((column) => field(row[column])).join(','))].join(
      '\r\n',
    ) + '\r\n'
  );
}

/** The bucket start as a short local label for the axis. */
export function bucketLabel(iso: string, bucket: 'hour' | 'day'): string {
  const date = new Date(iso);
  return bucket === 'hour'
    ? date.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })
    : date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

export const percent = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;
export const interval = ([lo, hi]: [number, number], digits = 1) => `${percent(lo, digits)} – ${percent(hi, digits)}`;
