// Samples the machine at a fixed interval: keeps the latest reading for the UI, tells listeners, and hands
// one-minute aggregates to the store, pruning what is older than the retention.
import type { HardwareSample, HardwareStatic, MetricBucket } from '../api/schemas.js';
import type { HardwareProbe } from './hardware-probe.js';
import { MinuteAggregator } from './minute-aggregator.js';

/** Where minute aggregates go; the store merges a partial minute written twice by adding counts. */
export interface MetricBucketSink {
  upsertBuckets(buckets: MetricBucket[]): void;
  pruneOlderThan(cutoffMs: number): number;
}

export interface HardwareSamplerOptions {
  probe: HardwareProbe;
  sink: MetricBucketSink;
  /** Default 2000. */
  intervalMs?: number;
  /** History older than this is pruned; default 7 days. */
  retentionMs?: number;
  now?: () => number;
  /** Told about every failed probe call, sink call or listener; sampling goes on. */
  onError?: (error: Error) => void;
}

const DEFAULT_INTERVAL_MS = 2_000;
const DEFAULT_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;
/** Buckets a failing sink could not take are retried at the next sample, up to about a day of them. */
const MAX_UNWRITTEN_BUCKETS = 10_000;

export class HardwareSampler {
  private readonly probe: HardwareProbe;
  private readonly sink: MetricBucketSink;
  private readonly intervalMs: number;
  private readonly retentionMs: number;
  private readonly now: () => number;
  private readonly onError: (error: Error) => void;
  private readonly aggregator = new MinuteAggregator();
  private readonly listeners = new Set<(sample: HardwareSample) => void>();
  private facts: HardwareStatic | null = null;
  private latestSample: HardwareSample | null = null;
  private unwritten: MetricBucket[] = [];
  private lastPruneAtMs = Number.NEGATIVE_INFINITY;
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<void> = Promise.resolve();
  /** start() and stop() run one after the other, so a quick stop-start never leaves two sampling chains. */
  private lifecycle: Promise<void> = Promise.resolve();

  constructor(options: HardwareSamplerOptions) {
    this.probe = options.probe;
    this.sink = options.sink;
    this.intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
    this.retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
    this.now = options.now ?? Date.now;
    this.onError = options.onError ?? ((error) => console.warn(`hardware sampler: ${error.message}`));
    if (!Number.isInteger(this.intervalMs) || this.intervalMs < 1) {
      throw new RangeError(`intervalMs must be a whole number of milliseconds of at least 1, got ${this.intervalMs}`);
    }
    if (!(this.retentionMs > 0)) throw new RangeError(`retentionMs must be positive, got ${this.retentionMs}`);
  }

  /** Reads the static facts (rejecting if the probe cannot), prunes old history, takes a first sample, then
   *  samples every interval. Does nothing if already running. */
  start(): Promise<void> {
    return this.serially(() => this.begin());
  }

  /** Stops sampling, waits for a sample under way, and writes the minute so far to the sink. */
  stop(): Promise<void> {
    return this.serially(() => this.end());
  }

  latest(): HardwareSample | null {
    return this.latestSample;
  }

  staticInfo(): HardwareStatic {
    if (this.facts === null) throw new Error('the hardware sampler has not started yet: call start() first');
    return this.facts;
  }

  /** Calls `listener` with every sample; returns the function that stops it. */
  onSample(listener: (sample: HardwareSample) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private serially(step: () => Promise<void>): Promise<void> {
    const result = this.lifecycle.then(step);
    this.lifecycle = result.catch(() => undefined);
    return result;
  }

  private async begin(): Promise<void> {
    if (this.running) return;
    this.facts ??= { ...(await this.probe.staticInfo()), sampleIntervalMs: this.intervalMs };
    this.running = true;
    this.prune();
    this.inFlight = this.cycle();
    await this.inFlight;
  }

  private async end(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.inFlight;
    this.write(this.aggregator.flush());
  }

  private async cycle(): Promise<void> {
    const startedAtMs = this.now();
    await this.takeSample();
    if (!this.running) return;
    // The time the sample took counts towards the interval, so the cadence holds when the probe is slow.
    const delayMs = Math.min(this.intervalMs, Math.max(0, this.intervalMs - (this.now() - startedAtMs)));
    this.timer = setTimeout(() => {
      this.timer = null;
      this.inFlight = this.cycle();
    }, delayMs);
    this.timer.unref();
  }

  private async takeSample(): Promise<void> {
    let sample: HardwareSample;
    try {
      sample = await this.probe.sample();
    } catch (error) {
      this.report(error, 'reading the hardware failed');
      return;
    }
    this.latestSample = sample;
    this.write(this.aggregator.add(sample));
    if (this.now() - this.lastPruneAtMs >= PRUNE_EVERY_MS) this.prune();
    for (const listener of this.listeners) {
      try {
        listener(sample);
      } catch (error) {
        this.report(error, 'a hardware sample listener failed');
      }
    }
  }

  private write(buckets: MetricBucket[]): void {
    const pending = this.unwritten.length === 0 ? buckets : [...this.unwritten, ...buckets];
    if (pending.length === 0) return;
    try {
      this.sink.upsertBuckets(pending);
      this.unwritten = [];
    } catch (error) {
      this.unwritten = pending.slice(-MAX_UNWRITTEN_BUCKETS);
      this.report(error, `saving hardware history failed (${this.unwritten.length} buckets kept to retry)`);
    }
  }

  private prune(): void {
    const nowMs = this.now();
    this.lastPruneAtMs = nowMs;
    try {
      this.sink.pruneOlderThan(nowMs - this.retentionMs);
    } catch (error) {
      this.report(error, 'pruning old hardware history failed');
    }
  }

  private report(error: unknown, context: string): void {
    const message = error instanceof Error ? error.message : String(error);
    try {
      this.onError(new Error(`${context}: ${message}`, { cause: error }));
    } catch {
      // A faulty error handler must not stop the sampling.
    }
  }
}
