import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HardwareStatic, MetricBucket, type HardwareSample } from '../../../src-main/core/api/schemas.js';
import { HardwareSampler } from '../../../src-main/core/hardware/hardware-sampler.js';
import { FAKE_STATIC, FakeHardwareProbe, RecordingSink, sampleAt } from './fake-hardware-probe.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);

// The clock is the test's: timers and Date.now move only when the test advances them.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

const now = () => Date.now();
const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);

function setup(options: { intervalMs?: number; retentionMs?: number } = {}) {
  const probe = new FakeHardwareProbe(now);
  const sink = new RecordingSink();
  const errors: Error[] = [];
  const sampler = new HardwareSampler({ probe, sink, now, onError: (error) => errors.push(error), ...options });
  const seen: HardwareSample[] = [];
  sampler.onSample((sample) => seen.push(sample));
  return { probe, sink, errors, sampler, seen };
}

const bucketOf = (buckets: MetricBucket[], metric: string, bucketStartMs: number) =>
  buckets.find((bucket) => bucket.metric === metric && bucket.bucketStartMs === bucketStartMs);

describe('HardwareSampler', () => {
  it('samples once on start and then once every interval', async () => {
    const { sampler, seen } = setup({ intervalMs: 2_000 });
    await sampler.start();
    expect(seen.map((sample) => sample.atMs)).toEqual([T0]);

    await advance(1_999);
    expect(seen).toHaveLength(1);
    await advance(1);
    expect(seen.map((sample) => sample.atMs)).toEqual([T0, T0 + 2_000]);
    await advance(6_000);
    expect(seen.map((sample) => sample.atMs)).toEqual([T0, T0 + 2_000, T0 + 4_000, T0 + 6_000, T0 + 8_000]);
    expect(sampler.latest()?.atMs).toBe(T0 + 8_000);
    await sampler.stop();
  });

  it('knows the static facts with its interval once started, and not before', async () => {
    const { sampler } = setup({ intervalMs: 500 });
    expect(() => sampler.staticInfo()).toThrow(/not started yet/);
    expect(sampler.latest()).toBeNull();
    await sampler.start();
    expect(HardwareStatic.parse(sampler.staticInfo())).toEqual({ ...FAKE_STATIC, sampleIntervalMs: 500 });
    await sampler.stop();
  });

  it('rejects start when the probe cannot read the static facts, and starts once it can', async () => {
    const { probe, sampler, seen } = setup();
    probe.failStaticInfo(new Error('cannot read /proc/cpuinfo'));
    await expect(sampler.start()).rejects.toThrow('cannot read /proc/cpuinfo');
    await advance(10_000);
    expect(probe.sampleCalls).toBe(0);

    probe.failStaticInfo(null);
    await sampler.start();
    expect(seen).toHaveLength(1);
    await sampler.stop();
  });

  it('writes each finished minute to the sink as min/avg/max/count', async () => {
    const { probe, sink, sampler } = setup({ intervalMs: 2_000 });
    // Load climbs 0, 1, ..., 29 through the first minute.
    probe.reading = (atMs) => {
      const loadPct = ((atMs - T0) / 2_000) % 30;
      return sampleAt(atMs, { cpu: { loadPct, perCorePct: [loadPct, loadPct] } });
    };
    await sampler.start();
    await advance(MINUTE - 2_000);
    expect(sink.upserts).toEqual([]);

    await advance(2_000);
    expect(sink.upserts).toHaveLength(1);
    expect(bucketOf(sink.buckets, 'cpu.load_pct', T0)).toEqual({
      metric: 'cpu.load_pct',
      bucketStartMs: T0,
      min: 0,
      avg: 14.5,
      max: 29,
      count: 30,
    });
    expect(bucketOf(sink.buckets, 'memory.used_pct', T0)).toMatchObject({ avg: 25, count: 30 });
    for (const bucket of sink.buckets) MetricBucket.parse(bucket);

    await advance(MINUTE);
    expect(sink.upserts).toHaveLength(2);
    expect(bucketOf(sink.buckets, 'cpu.load_pct', T0 + MINUTE)).toMatchObject({ count: 30 });
    await sampler.stop();
  });

  it('keeps sampling after the probe throws, and says what went wrong', async () => {
    const { probe, errors, sampler, seen } = setup({ intervalMs: 1_000 });
    await sampler.start();
    probe.failNextSample(new Error('systeminformation: spawn sensors ENOENT'));

    await advance(1_000);
    expect(seen).toHaveLength(1);
    expect(errors.map((error) => error.message)).toEqual([
      'reading the hardware failed: systeminformation: spawn sensors ENOENT',
    ]);
    expect(sampler.latest()?.atMs).toBe(T0);

    await advance(2_000);
    expect(seen.map((sample) => sample.atMs)).toEqual([T0, T0 + 2_000, T0 + 3_000]);
    await sampler.stop();
  });

  it('tells the other listeners when one throws, and stops telling one that unsubscribed', async () => {
    const { errors, sampler, seen } = setup({ intervalMs: 1_000 });
    sampler.onSample(() => {
      throw new Error('renderer gone');
    });
    const late: number[] = [];
    const unsubscribe = sampler.onSample((sample) => late.push(sample.atMs));
    await sampler.start();
    unsubscribe();
    await advance(1_000);

    expect(seen).toHaveLength(2);
    expect(late).toEqual([T0]);
    expect(errors.map((error) => error.message)).toEqual([
      'a hardware sample listener failed: renderer gone',
      'a hardware sample listener failed: renderer gone',
    ]);
    await sampler.stop();
  });

  it('stop() waits for a sample under way, writes the partial minute, and ends the sampling', async () => {
    const { probe, sink, sampler } = setup({ intervalMs: 2_000 });
    await sampler.start();
    await advance(4_000);
    const release = probe.holdNextSample();
    await advance(2_000);
    expect(probe.sampleCalls).toBe(4);

    let stopped = false;
    const stopping = sampler.stop().then(() => (stopped = true));
    await advance(0);
    expect(stopped).toBe(false);
    release();
    await stopping;

    expect(sink.upserts).toHaveLength(1);
    expect(bucketOf(sink.buckets, 'cpu.load_pct', T0)).toMatchObject({ count: 4 });
    await advance(MINUTE);
    expect(probe.sampleCalls).toBe(4);
    expect(sink.upserts).toHaveLength(1);
  });

  it('can be stopped and started again without sampling twice per interval', async () => {
    const { probe, sampler } = setup({ intervalMs: 1_000 });
    // Called without waiting, as a UI might: each call takes effect in order.
    await Promise.all([sampler.start(), sampler.stop(), sampler.start(), sampler.start()]);
    expect(probe.sampleCalls).toBe(2);
    await advance(3_000);
    expect(probe.sampleCalls).toBe(5);
    await Promise.all([sampler.stop(), sampler.start()]);
    expect(probe.sampleCalls).toBe(6);
    await advance(1_000);
    expect(probe.sampleCalls).toBe(7);
    await sampler.stop();
  });

  it('prunes history past the retention at start and then once an hour', async () => {
    const { sink, sampler } = setup({ intervalMs: MINUTE, retentionMs: DAY });
    await sampler.start();
    expect(sink.pruneCutoffs).toEqual([T0 - DAY]);
    await advance(HOUR - MINUTE);
    expect(sink.pruneCutoffs).toEqual([T0 - DAY]);
    await advance(MINUTE);
    expect(sink.pruneCutoffs).toEqual([T0 - DAY, T0 + HOUR - DAY]);
    await sampler.stop();
  });

  it('keeps the buckets a failing sink refused and writes them at the next sample', async () => {
    const { sink, errors, sampler } = setup({ intervalMs: 30_000 });
    sink.failNextUpserts(1);
    await sampler.start();
    await advance(MINUTE);
    expect(sink.upserts).toEqual([]);
    expect(errors.map((error) => error.message)).toEqual([
      'saving hardware history failed (2 buckets kept to retry): database is locked',
    ]);

    await advance(30_000);
    expect(sink.upserts.map((buckets) => buckets.map((bucket) => [bucket.metric, bucket.bucketStartMs, bucket.count])))
      .toEqual([
        [
          ['cpu.load_pct', T0, 2],
          ['memory.used_pct', T0, 2],
        ],
      ]);
    await sampler.stop();
    expect(sink.buckets.filter((bucket) => bucket.metric === 'cpu.load_pct').map((bucket) => bucket.count)).toEqual([
      2, 2,
    ]);
  });

  it('turns GPU, temperature and battery readings into history and passes the power state on', async () => {
    const { probe, sink, sampler } = setup({ intervalMs: 2_000 });
    probe.reading = (atMs) =>
      sampleAt(atMs, {
        temperatures: { cpuMainC: 68, cpuMaxC: 74, coresC: [66, 74] },
        gpus: [
          {
            index: 0,
            vendor: 'NVIDIA',
            model: 'RTX 4090',
            memoryTotalBytes: 24 * 1024 ** 3,
            memoryUsedBytes: 6 * 1024 ** 3,
            utilizationPct: atMs === T0 ? 40 : 80,
            temperatureC: 70,
          },
        ],
        power: { source: 'battery', hasBattery: true, batteryPct: 55, charging: false },
      });
    await sampler.start();
    await advance(2_000);
    expect(sampler.latest()?.power).toEqual({ source: 'battery', hasBattery: true, batteryPct: 55, charging: false });
    await sampler.stop();

    expect(sink.buckets.map((bucket) => bucket.metric).sort()).toEqual([
      'cpu.load_pct',
      'cpu.temp_c',
      'gpu.0.memory_used_pct',
      'gpu.0.util_pct',
      'memory.used_pct',
    ]);
    expect(bucketOf(sink.buckets, 'gpu.0.util_pct', T0)).toMatchObject({ min: 40, avg: 60, max: 80, count: 2 });
    expect(bucketOf(sink.buckets, 'gpu.0.memory_used_pct', T0)).toMatchObject({ avg: 25 });
    expect(bucketOf(sink.buckets, 'cpu.temp_c', T0)).toMatchObject({ avg: 68 });
    for (const bucket of sink.buckets) MetricBucket.parse(bucket);
  });

  it('refuses an interval or retention it cannot work with', () => {
    const probe = new FakeHardwareProbe(now);
    const sink = new RecordingSink();
    expect(() => new HardwareSampler({ probe, sink, intervalMs: 0 })).toThrow(RangeError);
    expect(() => new HardwareSampler({ probe, sink, intervalMs: 1.5 })).toThrow(/whole number/);
    expect(() => new HardwareSampler({ probe, sink, retentionMs: -1 })).toThrow(/retentionMs/);
  });
});
