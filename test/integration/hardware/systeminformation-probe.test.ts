// The real probe and sampler on this machine. The machine is shared and noisy, so only facts that hold
// under any load are asserted.
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { HardwareSample, HardwareStatic, MetricBucket } from '../../../src-main/core/api/schemas.js';
import { HardwareSampler } from '../../../src-main/core/hardware/hardware-sampler.js';
import { createSystemInformationProbe } from '../../../src-main/core/hardware/systeminformation-probe.js';
import { RecordingSink } from '../../unit/hardware/fake-hardware-probe.js';

describe('systeminformation probe on this machine', () => {
  it('reads static facts that pass the schema, with one logical core per OS CPU', async () => {
    const facts = await createSystemInformationProbe().staticInfo();
    const parsed = HardwareStatic.parse({ ...facts, sampleIntervalMs: 2_000 });
    expect(parsed.cpu.logicalCores).toBe(os.cpus().length);
    expect(parsed.cpu.physicalCores).toBeGreaterThan(0);
    expect(parsed.os.arch).toBe(os.arch());
    expect(parsed.os.hostname).toBe(os.hostname());
  });

  it('takes samples that pass the schema and describe this machine', async () => {
    const probe = createSystemInformationProbe({ gpuEveryNSamples: 2 });
    const first = HardwareSample.parse(await probe.sample());
    const second = HardwareSample.parse(await probe.sample());
    const third = HardwareSample.parse(await probe.sample());

    for (const sample of [first, second, third]) {
      expect(sample.cpu.perCorePct).toHaveLength(os.cpus().length);
      expect(Number.isFinite(sample.cpu.loadPct)).toBe(true);
      expect(sample.memory.totalBytes).toBe(os.totalmem());
      expect(sample.memory.usedBytes + sample.memory.availableBytes).toBe(sample.memory.totalBytes);
      if (!sample.power.hasBattery) expect(sample.power.source).toBe('ac');
    }
    expect(second.atMs).toBeGreaterThanOrEqual(first.atMs);
    // GPUs are not re-read on every sample; the list stays the same machine's.
    expect(second.gpus.map((gpu) => gpu.model)).toEqual(first.gpus.map((gpu) => gpu.model));
    expect(third.gpus.map((gpu) => gpu.model)).toEqual(first.gpus.map((gpu) => gpu.model));
  });

  it('drives the sampler: three samples at 200 ms reach listeners, and stop writes them as history', async () => {
    const sink = new RecordingSink();
    const errors: Error[] = [];
    const sampler = new HardwareSampler({
      probe: createSystemInformationProbe(),
      sink,
      intervalMs: 200,
      onError: (error) => errors.push(error),
    });
    const samples: HardwareSample[] = [];
    const threeSamples = new Promise<void>((resolve) => {
      sampler.onSample((sample) => {
        samples.push(HardwareSample.parse(sample));
        if (samples.length === 3) resolve();
      });
    });

    await sampler.start();
    expect(sampler.staticInfo().sampleIntervalMs).toBe(200);
    await threeSamples;
    await sampler.stop();
    const taken = samples.length;

    expect(errors).toEqual([]);
    expect(sink.pruneCutoffs).toHaveLength(1);
    expect(sampler.latest()).toEqual(samples.at(-1));
    const loadBuckets = sink.buckets.filter((bucket) => bucket.metric === 'cpu.load_pct');
    expect(loadBuckets.reduce((total, bucket) => total + bucket.count, 0)).toBe(taken);
    for (const bucket of sink.buckets) MetricBucket.parse(bucket);
  });
});
