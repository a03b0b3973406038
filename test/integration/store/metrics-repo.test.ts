import { describe, expect, it } from 'vitest';
import type { MetricBucket } from '../../../src-main/core/api/schemas.js';
import { useTempStores } from './fixtures/temp-store.js';

const MINUTE = 60_000;
const bucket = (metric: string, minute: number, values: number[]): MetricBucket => ({
  metric,
  bucketStartMs: minute * MINUTE,
  min: Math.min(...values),
  avg: values.reduce((sum, v) => sum + v, 0) / values.length,
  max: Math.max(...values),
  count: values.length,
});

describe('metrics repository', () => {
  const stores = useTempStores();

  it('stores buckets and queries them by metric then time, over a half-open range', () => {
    const store = stores.open();
    store.metrics.upsertBuckets([
      bucket('memory.used_pct', 2, [40]),
      bucket('cpu.load_pct', 2, [20, 30]),
      bucket('cpu.load_pct', 1, [10]),
      bucket('gpu.0.util_pct', 1, [99]),
      bucket('cpu.load_pct', 3, [5]),
    ]);
    const { metrics } = stores.open();
    expect(metrics.query(['cpu.load_pct', 'memory.used_pct'], 0, 10 * MINUTE)).toEqual([
      bucket('cpu.load_pct', 1, [10]),
      bucket('cpu.load_pct', 2, [20, 30]),
      bucket('cpu.load_pct', 3, [5]),
      bucket('memory.used_pct', 2, [40]),
    ]);
    expect(metrics.query(['cpu.load_pct'], 2 * MINUTE, 3 * MINUTE)).toEqual([bucket('cpu.load_pct', 2, [20, 30])]);
    expect(metrics.query(['cpu.temp_c'], 0, 10 * MINUTE)).toEqual([]);
  });

  it('merges a minute flushed in parts into the bucket of all its samples', () => {
    const { metrics } = stores.open();
    // The extremes arrive in the middle, so neither the first nor the last part alone gives the answer.
    metrics.upsertBuckets([bucket('cpu.load_pct', 5, [1, 2, 3])]);
    metrics.upsertBuckets([bucket('cpu.load_pct', 5, [0.5, 10])]);
    metrics.upsertBuckets([bucket('cpu.load_pct', 5, [4])]);
    expect(metrics.query(['cpu.load_pct'], 0, 10 * MINUTE)).toEqual([
      { metric: 'cpu.load_pct', bucketStartMs: 5 * MINUTE, min: 0.5, avg: 20.5 / 6, max: 10, count: 6 },
    ]);
  });

  it('prunes buckets that start before the cutoff', () => {
    const { metrics } = stores.open();
    metrics.upsertBuckets([1, 2, 3, 4].map((minute) => bucket('cpu.load_pct', minute, [minute])));
    expect(metrics.pruneOlderThan(3 * MINUTE)).toBe(2);
    expect(metrics.pruneOlderThan(3 * MINUTE)).toBe(0);
    expect(metrics.query(['cpu.load_pct'], 0, 10 * MINUTE).map((b) => b.bucketStartMs)).toEqual([3 * MINUTE, 4 * MINUTE]);
  });

  it('refuses a batch with any bad bucket and stores none of it', () => {
    const { metrics } = stores.open();
    const good = bucket('cpu.load_pct', 1, [10]);
    const cases: [Partial<MetricBucket>, RegExp][] = [
      [{ count: 0 }, /metric bucket 1 is invalid: .*count/],
      [{ min: 5, max: 1 }, /metric bucket 1 is invalid: .*min must not exceed max/],
      [{ metric: 'disk.used_pct' }, /metric bucket 1 is invalid: .*unknown metric name/],
      [{ avg: Number.NaN }, /metric bucket 1 is invalid: .*avg/],
      [{ bucketStartMs: 1.5 }, /metric bucket 1 is invalid: .*bucketStartMs/],
    ];
    for (const [change, message] of cases) {
      expect(() => metrics.upsertBuckets([good, { ...bucket('cpu.load_pct', 2, [1]), ...change }])).toThrow(message);
    }
    expect(metrics.query(['cpu.load_pct'], 0, 10 * MINUTE)).toEqual([]);
  });
});
