/** The value of one sample of Prometheus text, e.g. `waymark_messages_total{channel="email",status="sent"}`; 0 when absent. */
export function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}
