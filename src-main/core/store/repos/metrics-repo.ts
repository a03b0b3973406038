import { z } from 'zod';
import { MetricBucket } from '../../api/schemas.js';
import type { Database } from '../sqlite.js';

export interface MetricsRepo {
  /**
   * Stores buckets in one transaction. A bucket that already exists is merged with the new one (min of
   * mins, max of maxes, count-weighted average, summed counts), so flushing parts of one minute adds up.
   * Every bucket is checked first: one bad bucket stores none.
   */
  upsertBuckets(buckets: readonly MetricBucket[]): void;
  /** Buckets with sinceMs <= bucketStartMs < untilMs, ordered by metric then time. */
  query(metrics: readonly string[], sinceMs: number, untilMs: number): MetricBucket[];
  /** Deletes buckets that start before cutoffMs; returns how many. */
  pruneOlderThan(cutoffMs: number): number;
}

interface MetricBucketRow {
  metric: string;
  bucket_start_ms: number;
  min: number;
  avg: number;
  max: number;
  count: number;
}

const StorableBucket = MetricBucket.refine((b) => b.min <= b.max, { message: 'min must not exceed max' });

export function createMetricsRepo(db: Database): MetricsRepo {
  // In an UPDATE every right-hand side sees the row's old values, so avg is weighted by the old count.
  const upsert = db.prepare(
    `INSERT INTO metric_buckets (metric, bucket_start_ms, min, avg, max, count)
     VALUES (@metric, @bucketStartMs, @min, @avg, @max, @count)
     ON CONFLICT (metric, bucket_start_ms) DO UPDATE SET
       min = min(min, excluded.min),
       max = max(max, excluded.max),
       avg = (avg * count + excluded.avg * excluded.count) / (count + excluded.count),
       count = count + excluded.count`,
  );
  const select = db.prepare<MetricBucketRow>(
    `SELECT metric, bucket_start_ms, min, avg, max, count FROM metric_buckets
     WHERE metric IN (SELECT value FROM json_each(?)) AND bucket_start_ms >= ? AND bucket_start_ms < ?
     ORDER BY metric, bucket_start_ms`,
  );
  const prune = db.prepare('DELETE FROM metric_buckets WHERE bucket_start_ms < ?');

  const upsertAll = db.transaction((buckets: readonly MetricBucket[]) => {
    for (const bucket of buckets) upsert.run(bucket);
  });

  return {
    upsertBuckets(buckets) {
      const checked = buckets.map((bucket, index) => {
        const result = StorableBucket.safeParse(bucket);
        if (!result.success) {
          throw new Error(`metric bucket ${index} is invalid: ${z.prettifyError(result.error).replaceAll('\n', ' ')}`);
        }
        return result.data;
      });
      upsertAll.immediate(checked);
    },
    query(metrics, sinceMs, untilMs) {
      return select.all(JSON.stringify(metrics), sinceMs, untilMs).map((row) => ({
        metric: row.metric,
        bucketStartMs: row.bucket_start_ms,
        min: row.min,
        avg: row.avg,
        max: row.max,
        count: row.count,
      }));
    },
    pruneOlderThan: (cutoffMs) => prune.run(cutoffMs).changes,
  };
}
