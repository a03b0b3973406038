// Keeps each device's calibration (engine/calibration.ts): the CPU's, and each ready GPU's. Measured once on first
// start before any work is taken (a GPU when it first appears), again on request (Pricing page, `proverdesk
// calibrate`) or when the CPU thread count changed, and corrected by every native job. Coordinators ask it how long
// a circuit would take before they commit to it.
import {
  estimateProvingMs,
  loadCalibration,
  loadGpuCalibration,
  saveCalibration,
  saveGpuCalibration,
  withObservedJob,
  type Calibration,
} from '../engine/calibration.js';
import type { EngineDevice, NativeGpuDevice } from '../engine/native-addon.js';
import type { PackageCache } from '../engine/package-cache.js';
import type { Logger } from '../log/logger.js';
import { loadPracticePackages } from '../practice/practice-packages.js';
import type { Store } from '../store/store.js';
import { measureCalibration } from './calibration-run.js';
import type { JobProver } from './job-prover.js';

export class Calibrator {
  private readonly running = new Map<EngineDevice, Promise<Calibration>>();

  constructor(
    private readonly options: {
      store: Store;
      prover: JobProver;
      cache: PackageCache;
      /** The built practice packages the measurement proves; without them the machine stays uncalibrated. */
      packagesDir: string | undefined;
      threads: () => number;
      /** The GPUs the engine can prove on (each is calibrated on its own). */
      gpus?: () => NativeGpuDevice[];
      log: Logger;
      /** A device (the CPU or a GPU) was measured. */
      onMeasured?: (calibration: Calibration) => void;
    },
  ) {}

  /** The GPUs the engine can prove on, each calibrated on its own. */
  gpus(): NativeGpuDevice[] {
    return this.options.gpus?.() ?? [];
  }

  private gpu(device: EngineDevice): NativeGpuDevice | undefined {
    return this.gpus().find((gpu) => gpu.id === device);
  }

  /** The device's calibration; undefined when it has none (or is a GPU the engine no longer lists). */
  current(device: EngineDevice = 'cpu'): Calibration | undefined {
    if (device === 'cpu') return loadCalibration(this.options.store);
    const gpu = this.gpu(device);
    return gpu ? loadGpuCalibration(this.options.store, gpu) : undefined;
  }

  /** Predicted proving time on the CPU, conservative while uncalibrated. */
  estimateMs(constraints: number): number {
    return estimateProvingMs(this.current(), constraints);
  }

  /** Predicted proving time on a device; undefined for a GPU not measured yet. */
  estimateOnMs(constraints: number, device: EngineDevice): number | undefined {
    if (device === 'cpu') return this.estimateMs(constraints);
    const calibration = this.current(device);
    return calibration ? estimateProvingMs(calibration, constraints) : undefined;
  }

  /** Measures each device without a calibration (the CPU also after a thread-count change); failures are logged. */
  async ensure(signal: AbortSignal): Promise<void> {
    if (this.options.packagesDir === undefined) return;
    const cpu = this.current();
    const devices: EngineDevice[] = [
      ...(cpu && cpu.threads === this.options.threads() ? [] : (['cpu'] as const)),
      ...(this.options.gpus?.() ?? []).filter((gpu) => this.current(gpu.id) === undefined).map((gpu) => gpu.id),
    ];
    for (const device of devices) {
      try {
        await this.measure(signal, undefined, device);
      } catch (error) {
        if (signal.aborted) return;
        this.options.log.warn(`calibration of ${device} failed, predictions stay conservative: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /** Measures a device now (one measurement per device at a time; a second caller shares the first's). */
  measure(signal: AbortSignal, onProgress?: (fraction: number) => void, device: EngineDevice = 'cpu'): Promise<Calibration> {
    let running = this.running.get(device);
    if (running) return running;
    running = (async () => {
      try {
        if (this.options.packagesDir === undefined) throw new Error('the practice circuits that calibration proves are not available');
        const gpu = device === 'cpu' ? undefined : this.gpu(device);
        if (device !== 'cpu' && gpu === undefined) throw new Error(`${device} is not a GPU the engine can prove on`);
        const calibration = await measureCalibration({
          prover: this.options.prover,
          packages: await loadPracticePackages(this.options.packagesDir),
          cache: this.options.cache,
          threads: this.options.threads(),
          device,
          signal,
          ...(onProgress ? { onProgress } : {}),
        });
        if (gpu) saveGpuCalibration(this.options.store, gpu, calibration);
        else saveCalibration(this.options.store, calibration);
        this.options.onMeasured?.(calibration);
        const where = gpu ? `GPU ${gpu.index} (${gpu.name}) with ${calibration.threads} CPU threads` : `${calibration.threads} threads`;
        this.options.log.info(`calibrated: ${Math.round(calibration.constraintsPerSecond)} constraints/s plus ${Math.round(calibration.fixedMs)} ms per job on ${where}`);
        return calibration;
      } finally {
        this.running.delete(device);
      }
    })();
    this.running.set(device, running);
    return running;
  }

  /** A native job finished in provingMs on a device: nudge that device's prediction towards it. */
  observe(constraints: number, provingMs: number, device: EngineDevice = 'cpu'): void {
    const current = this.current(device);
    if (!current) return;
    const observed = withObservedJob(current, constraints, provingMs);
    const gpu = device === 'cpu' ? undefined : this.gpu(device);
    if (gpu) saveGpuCalibration(this.options.store, gpu, observed);
    else if (device === 'cpu') saveCalibration(this.options.store, observed);
  }
}
