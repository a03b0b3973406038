// Turns per-metric history buckets into uPlot's aligned columns: one time axis, one column per metric,
// null where a metric has no bucket at that minute (drawn as a gap).
import type uPlot from 'uplot';
import type { HardwareHistory, MetricName } from '../../../src-main/core/api/schemas.js';

export function alignHistory(history: HardwareHistory, metrics: readonly MetricName[]): uPlot.AlignedData {
  const times = [...new Set(history.buckets.map((bucket) => bucket.bucketStartMs))].sort((a, b) => a - b);
  const row = new Map(times.map((time, index) => [time, index]));
  const columns = metrics.map(() => times.map((): number | null => null));
  const column = new Map(metrics.map((metric, index) => [metric, columns[index]!]));
  for (const bucket of history.buckets) {
    const values = column.get(bucket.metric);
    if (values !== undefined) values[row.get(bucket.bucketStartMs)!] = bucket.avg;
  }
  return [times.map((time) => time / 1000), ...columns];
}
