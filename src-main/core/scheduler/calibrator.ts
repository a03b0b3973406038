// Keeps the machine's calibration (engine/calibration.ts): measured once on first start before any work is
// taken, again on request (Pricing page, `proverdesk calibrate`) or when the thread count changed, and
// corrected by every native job. Coordinators ask it how long a circuit would take before they commit to it.
import { estimateProvingMs, loadCalibration, saveCalibration, withObservedJob, type Calibration } from '../engine/calibration.js';
import type { PackageCache } from '../engine/package-cache.js';
import type { Logger } from '../log/logger.js';
import { loadPracticePackages } from '../practice/practice-packages.js';
import type { Store } from '../store/store.js';
import { measureCalibration } from './calibration-run.js';
import type { JobProver } from './job-prover.js';

export class Calibrator {
  private running: Promise<Calibration> | undefined;

  constructor(
    private readonly options: {
      store: Store;
      prover: JobProver;
      cache: PackageCache;
      /** The built practice packages the measurement proves; without them the machine stays uncalibrated. */
      packagesDir: string | undefined;
      threads: () => number;
      log: Logger;
      onMeasured?: (calibration: Calibration) => void;
    },
  ) {}

  current(): Calibration | undefined {
    return loadCalibration(this.options.store);
  }

  /** Predicted proving time, conservative while uncalibrated. */
  estimateMs(constraints: number): number {
    return estimateProvingMs(this.current(), constraints);
  }

  /** Measures when there is no calibration for the current thread count; a failure is logged, not thrown. */
  async ensure(signal: AbortSignal): Promise<void> {
    const current = this.current();
    if ((current && current.threads === this.options.threads()) || this.options.packagesDir === undefined) return;
    try {
      await this.measure(signal);
    } catch (error) {
      if (!signal.aborted) this.options.log.warn(`calibration failed, predictions stay conservative: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Measures now (one measurement at a time; a second caller shares the first's). */
  measure(signal: AbortSignal, onProgress?: (fraction: number) => void): Promise<Calibration> {
    this.running ??= (async () => {
      try {
        if (this.options.packagesDir === undefined) throw new Error('the practice circuits that calibration proves are not available');
        const calibration = await measureCalibration({
          prover: this.options.prover,
          packages: await loadPracticePackages(this.options.packagesDir),
          cache: this.options.cache,
          threads: this.options.threads(),
          signal,
          ...(onProgress ? { onProgress } : {}),
        });
        saveCalibration(this.options.store, calibration);
        this.options.onMeasured?.(calibration);
        this.options.log.info(`calibrated: ${Math.round(calibration.constraintsPerSecond)} constraints/s plus ${Math.round(calibration.fixedMs)} ms per job on ${calibration.threads} threads`);
        return calibration;
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /** A native job finished in provingMs: nudge the prediction towards it. */
  observe(constraints: number, provingMs: number): void {
    const current = this.current();
    if (current) saveCalibration(this.options.store, withObservedJob(current, constraints, provingMs));
  }
}
