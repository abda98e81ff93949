import type { AnalyticsBucket } from '@waymark/workflows/api';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { activityMeasures, bucketLabel, type SeriesRow } from './series';

const palette = [
  '#3b6fd8',
  '#16a34a',
  '#d97706',
  '#9333ea',
  '#dc2626',
  '#0891b2',
  '#65a30d',
  '#db2777',
  '#475569',
  '#ca8a04',
];

/** Entries, conversions, opens and clicks per bucket. */
export function ActivityChart({ rows, bucket }: { rows: SeriesRow[]; bucket: AnalyticsBucket }) {
  return (
    <figure className="analytics__chart" aria-label="Activity over time" data-testid="activity-chart">
      <figcaption>Activity per {bucket}</figcaption>
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
          <XAxis dataKey="t" tickFormatter={(t: string) => bucketLabel(t, bucket)} minTickGap={24} />
          <YAxis allowDecimals={false} />
          <Tooltip
            labelFormatter={(t) => bucketLabel(String(t), bucket)}
            itemSorter={(item) => activityMeasures.findIndex((m) => m.key === item.dataKey)}
          />
          <Legend itemSorter={null} />
          {activityMeasures.map((measure, i) => (
            <Line
              key={measure.key}
              type="monotone"
              dataKey={measure.key}
              name={measure.label}
              stroke={palette[i]}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** Messages per bucket, stacked by channel and outbox status. */
export function SendsChart({
  rows,
  columns,
  bucket,
}: {
  rows: SeriesRow[];
  columns: string[];
  bucket: AnalyticsBucket;
}) {
  return (
    <figure className="analytics__chart" aria-label="Sends by channel and status" data-testid="sends-chart">
      <figcaption>Sends by channel and status</figcaption>
      {columns.length === 0 ? <p className="analytics__empty">No messages in this range.</p> : null}
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
          <XAxis dataKey="t" tickFormatter={(t: string) => bucketLabel(t, bucket)} minTickGap={24} />
          <YAxis allowDecimals={false} />
          <Tooltip labelFormatter={(t) => bucketLabel(String(t), bucket)} />
          <Legend itemSorter={null} />
          {columns.map((column, i) => (
            <Bar
              key={column}
              dataKey={column}
              stackId="sends"
              fill={palette[(i + 4) % palette.length]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
