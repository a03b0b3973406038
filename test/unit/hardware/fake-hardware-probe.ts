// Test doubles for the hardware sampler: a probe for machines this one is not (GPUs, batteries, sensors),
// and a sink that records what the sampler hands to the store.
import type { HardwareSample, HardwareStatic, MetricBucket } from '../../../src-main/core/api/schemas.js';
import type { HardwareProbe } from '../../../src-main/core/hardware/hardware-probe.js';
import type { MetricBucketSink } from '../../../src-main/core/hardware/hardware-sampler.js';

const GIB = 1024 ** 3;

/** A plain desktop reading: two cores at 10 %, a quarter of 8 GiB used, no sensors, no GPU, on mains. */
export function sampleAt(atMs: number, overrides: Partial<Omit<HardwareSample, 'atMs'>> = {}): HardwareSample {
  return {
    atMs,
    cpu: { loadPct: 10, perCorePct: [10, 10] },
    memory: { totalBytes: 8 * GIB, usedBytes: 2 * GIB, availableBytes: 6 * GIB, swapTotalBytes: 0, swapUsedBytes: 0 },
    temperatures: { cpuMainC: null, cpuMaxC: null, coresC: [] },
    gpus: [],
    power: { source: 'ac', hasBattery: false, batteryPct: null, charging: null },
    ...overrides,
  };
}

export const FAKE_STATIC: Omit<HardwareStatic, 'sampleIntervalMs'> = {
  cpu: { manufacturer: 'Test', brand: 'Fake CPU', physicalCores: 2, logicalCores: 2, speedGHz: 3.2 },
  os: { platform: 'linux', distro: 'Test', release: '1', kernel: '6.0', arch: 'x64', hostname: 'test' },
};

export class FakeHardwareProbe implements HardwareProbe {
  /** What a sample reads at a given time; tests replace it to script the machine. */
  reading: (atMs: number) => HardwareSample = (atMs) => sampleAt(atMs);
  sampleCalls = 0;
  private readonly sampleFailures: Error[] = [];
  private staticFailure: Error | null = null;
  private heldSample: Promise<void> | null = null;

  constructor(private readonly now: () => number) {}

  failNextSample(error: Error): void {
    this.sampleFailures.push(error);
  }

  failStaticInfo(error: Error | null): void {
    this.staticFailure = error;
  }

  /** Makes the next sample wait until the returned function is called. */
  holdNextSample(): () => void {
    let release!: () => void;
    this.heldSample = new Promise<void>((resolve) => (release = resolve));
    return release;
  }

  async staticInfo(): Promise<Omit<HardwareStatic, 'sampleIntervalMs'>> {
    if (this.staticFailure) throw this.staticFailure;
    return FAKE_STATIC;
  }

  async sample(): Promise<HardwareSample> {
    this.sampleCalls += 1;
    const failure = this.sampleFailures.shift();
    if (failure) throw failure;
    const held = this.heldSample;
    this.heldSample = null;
    if (held) await held;
    return this.reading(this.now());
  }
}

export class RecordingSink implements MetricBucketSink {
  readonly upserts: MetricBucket[][] = [];
  readonly pruneCutoffs: number[] = [];
  private upsertFailures = 0;

  failNextUpserts(count: number): void {
    this.upsertFailures = count;
  }

  upsertBuckets(buckets: MetricBucket[]): void {
    if (this.upsertFailures > 0) {
      this.upsertFailures -= 1;
      throw new Error('database is locked');
    }
    this.upserts.push(structuredClone(buckets));
  }

  pruneOlderThan(cutoffMs: number): number {
    this.pruneCutoffs.push(cutoffMs);
    return 0;
  }

  /** Every bucket written so far, in order. */
  get buckets(): MetricBucket[] {
    return this.upserts.flat();
  }
}
