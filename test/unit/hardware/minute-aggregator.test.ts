import { describe, expect, it } from 'vitest';
import { MetricBucket, MetricName } from '../../../src-main/core/api/schemas.js';
import { metricValues, MinuteAggregator } from '../../../src-main/core/hardware/minute-aggregator.js';
import { sampleAt } from './fake-hardware-probe.js';

const MINUTE = 60_000;
const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);

const withLoad = (atMs: number, loadPct: number) => sampleAt(atMs, { cpu: { loadPct, perCorePct: [loadPct] } });
const bucketOf = (buckets: MetricBucket[], metric: string) => buckets.find((bucket) => bucket.metric === metric);

describe('MinuteAggregator', () => {
  it('keeps min, avg, max and count of each metric within one minute', () => {
    const aggregator = new MinuteAggregator();
    expect(aggregator.add(withLoad(T0, 10))).toEqual([]);
    expect(aggregator.add(withLoad(T0 + 10_000, 40))).toEqual([]);
    expect(aggregator.add(withLoad(T0 + MINUTE - 1, 25))).toEqual([]);

    const buckets = aggregator.flush();
    expect(bucketOf(buckets, 'cpu.load_pct')).toEqual({
      metric: 'cpu.load_pct',
      bucketStartMs: T0,
      min: 10,
      avg: 25,
      max: 40,
      count: 3,
    });
    expect(bucketOf(buckets, 'memory.used_pct')).toMatchObject({ min: 25, avg: 25, max: 25, count: 3 });
    for (const bucket of buckets) MetricBucket.parse(bucket);
  });

  it('starts buckets on the minute, whatever the time of the first sample', () => {
    const aggregator = new MinuteAggregator();
    aggregator.add(withLoad(T0 + 37_123, 5));
    expect(aggregator.flush().map((bucket) => bucket.bucketStartMs)).toEqual([T0, T0]);
  });

  it('hands over the finished minute when a sample falls in the next one', () => {
    const aggregator = new MinuteAggregator();
    aggregator.add(withLoad(T0 + 1_000, 20));
    aggregator.add(withLoad(T0 + MINUTE - 1, 60));

    const finished = aggregator.add(withLoad(T0 + MINUTE, 90));
    expect(bucketOf(finished, 'cpu.load_pct')).toEqual({
      metric: 'cpu.load_pct',
      bucketStartMs: T0,
      min: 20,
      avg: 40,
      max: 60,
      count: 2,
    });
    // The new minute holds only the sample that opened it.
    expect(bucketOf(aggregator.flush(), 'cpu.load_pct')).toMatchObject({
      bucketStartMs: T0 + MINUTE,
      min: 90,
      max: 90,
      count: 1,
    });
  });

  it('closes the current minute when the clock goes back to an earlier one', () => {
    const aggregator = new MinuteAggregator();
    aggregator.add(withLoad(T0 + 5 * MINUTE, 30));
    const finished = aggregator.add(withLoad(T0, 70));
    expect(bucketOf(finished, 'cpu.load_pct')).toMatchObject({ bucketStartMs: T0 + 5 * MINUTE, count: 1 });
    expect(bucketOf(aggregator.flush(), 'cpu.load_pct')).toMatchObject({ bucketStartMs: T0, min: 70, count: 1 });
  });

  it('has nothing to flush before the first sample or twice in a row', () => {
    const aggregator = new MinuteAggregator();
    expect(aggregator.flush()).toEqual([]);
    aggregator.add(withLoad(T0, 1));
    expect(aggregator.flush()).toHaveLength(2);
    expect(aggregator.flush()).toEqual([]);
  });

  it('leaves out metrics a sample has no reading for and keeps the others apart', () => {
    const aggregator = new MinuteAggregator();
    aggregator.add(sampleAt(T0));
    aggregator.add(
      sampleAt(T0 + 2_000, { temperatures: { cpuMainC: 60, cpuMaxC: 64, coresC: [58, 64] } }),
    );
    const buckets = aggregator.flush();
    expect(bucketOf(buckets, 'cpu.temp_c')).toMatchObject({ min: 60, max: 60, count: 1 });
    expect(bucketOf(buckets, 'cpu.load_pct')).toMatchObject({ count: 2 });
  });
});

describe('metricValues', () => {
  it('names GPU metrics by index and works out memory percentages', () => {
    const values = metricValues(
      sampleAt(T0, {
        gpus: [
          {
            index: 0,
            vendor: 'NVIDIA',
            model: 'H100',
            memoryTotalBytes: 80 * 1024 ** 3,
            memoryUsedBytes: 20 * 1024 ** 3,
            utilizationPct: 97,
            temperatureC: 71,
          },
          {
            index: 1,
            vendor: 'Intel',
            model: 'UHD 630',
            memoryTotalBytes: null,
            memoryUsedBytes: null,
            utilizationPct: null,
            temperatureC: null,
          },
        ],
      }),
    );
    expect(Object.fromEntries(values)).toEqual({
      'cpu.load_pct': 10,
      'memory.used_pct': 25,
      'gpu.0.util_pct': 97,
      'gpu.0.memory_used_pct': 25,
    });
    for (const name of values.keys()) MetricName.parse(name);
  });

  it('uses the hottest reading when the main CPU temperature is missing', () => {
    const values = metricValues(sampleAt(T0, { temperatures: { cpuMainC: null, cpuMaxC: 77, coresC: [] } }));
    expect(values.get('cpu.temp_c')).toBe(77);
  });

  it('skips memory percentages it cannot compute and GPU indexes a metric name cannot hold', () => {
    const values = metricValues(
      sampleAt(T0, {
        memory: { totalBytes: 0, usedBytes: 0, availableBytes: 0, swapTotalBytes: 0, swapUsedBytes: 0 },
        gpus: [
          {
            index: 100,
            vendor: 'AMD',
            model: 'MI300',
            memoryTotalBytes: 0,
            memoryUsedBytes: 0,
            utilizationPct: 50,
            temperatureC: null,
          },
        ],
      }),
    );
    expect([...values.keys()]).toEqual(['cpu.load_pct']);
  });
});
