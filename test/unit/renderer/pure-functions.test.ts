// The renderer's pure pieces: routing from the address hash and shaping history for the charts.
import { describe, expect, it } from 'vitest';
import { pageFromHash, pageHref } from '../../../src-renderer/routing.js';
import { alignHistory } from '../../../src-renderer/pages/hardware/history-data.js';

describe('pageFromHash', () => {
  it('finds the page a hash names and falls back to the default page', () => {
    expect(pageFromHash('#/settings').id).toBe('settings');
    expect(pageFromHash(pageHref('jobs')).id).toBe('jobs');
    expect(pageFromHash('').id).toBe('dashboard');
    expect(pageFromHash('#/no-such-page').id).toBe('dashboard');
  });
});

describe('alignHistory', () => {
  it('puts every metric on one time axis in seconds, with gaps where a minute has no bucket', () => {
    const bucket = (metric: 'cpu.load_pct' | 'memory.used_pct', minute: number, avg: number) => ({
      metric,
      bucketStartMs: minute * 60_000,
      min: avg,
      avg,
      max: avg,
      count: 30,
    });
    const aligned = alignHistory(
      { bucketMs: 60_000, buckets: [bucket('cpu.load_pct', 2, 50), bucket('cpu.load_pct', 1, 10), bucket('memory.used_pct', 2, 40)] },
      ['cpu.load_pct', 'memory.used_pct'],
    );
    expect(aligned).toEqual([
      [60, 120],
      [10, 50],
      [null, 40],
    ]);
  });
});
