// Folds samples into one-minute min/avg/max/count buckets per metric: the history the store keeps.
import type { HardwareSample, MetricBucket, MetricName } from '../api/schemas.js';

export const BUCKET_MS = 60_000;

/** The readings of one sample that are kept as history, by metric name; readings the machine lacks are left out. */
export function metricValues(sample: HardwareSample): Map<MetricName, number> {
  const values = new Map<MetricName, number>();
  values.set('cpu.load_pct', sample.cpu.loadPct);
  const { totalBytes, usedBytes } = sample.memory;
  if (totalBytes > 0) values.set('memory.used_pct', (usedBytes / totalBytes) * 100);
  const cpuTemperatureC = sample.temperatures.cpuMainC ?? sample.temperatures.cpuMaxC;
  if (cpuTemperatureC !== null) values.set('cpu.temp_c', cpuTemperatureC);
  for (const gpu of sample.gpus) {
    if (gpu.index > 99) continue; // metric names hold at most two digits of GPU index
    if (gpu.utilizationPct !== null) values.set(`gpu.${gpu.index}.util_pct`, gpu.utilizationPct);
    if (gpu.memoryUsedBytes !== null && gpu.memoryTotalBytes !== null && gpu.memoryTotalBytes > 0) {
      values.set(`gpu.${gpu.index}.memory_used_pct`, Math.min(100, (gpu.memoryUsedBytes / gpu.memoryTotalBytes) * 100));
    }
  }
  for (const [metric, value] of values) if (!Number.isFinite(value)) values.delete(metric);
  return values;
}

interface Accumulator {
  min: number;
  max: number;
  sum: number;
  count: number;
}

export class MinuteAggregator {
  private bucketStartMs: number | null = null;
  private readonly accumulators = new Map<MetricName, Accumulator>();

  /** Adds a sample; when it falls in another minute, returns the buckets of the minute that ended. */
  add(sample: HardwareSample): MetricBucket[] {
    const bucketStartMs = Math.floor(sample.atMs / BUCKET_MS) * BUCKET_MS;
    const finished = bucketStartMs === this.bucketStartMs ? [] : this.flush();
    this.bucketStartMs = bucketStartMs;
    for (const [metric, value] of metricValues(sample)) {
      const accumulator = this.accumulators.get(metric);
      if (accumulator === undefined) {
        this.accumulators.set(metric, { min: value, max: value, sum: value, count: 1 });
      } else {
        accumulator.min = Math.min(accumulator.min, value);
        accumulator.max = Math.max(accumulator.max, value);
        accumulator.sum += value;
        accumulator.count += 1;
      }
    }
    return finished;
  }

  /** Returns the buckets of the current minute, however far it got, and starts empty. */
  flush(): MetricBucket[] {
    const bucketStartMs = this.bucketStartMs;
    if (bucketStartMs === null) return [];
    const buckets = [...this.accumulators].map(([metric, { min, max, sum, count }]) => ({
      metric,
      bucketStartMs,
      min,
      avg: sum / count,
      max,
      count,
    }));
    this.accumulators.clear();
    this.bucketStartMs = null;
    return buckets;
  }
}
