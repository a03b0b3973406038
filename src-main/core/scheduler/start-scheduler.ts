// Puts a scheduler together from the core's parts: adapters for the stored coordinators, the engine, the
// external backend and cost model from settings, the calibration, and the governor's limits (threads, memory,
// when to take work, how fast to prove).
import { join } from 'node:path';
import { buildAdapters, MAX_PACKAGE_BYTES } from '../coordinators/registry.js';
import type { Calibration } from '../engine/calibration.js';
import type { EngineHost } from '../engine/engine-host.js';
import type { ExternalBackendConfig } from '../engine/external-backend.js';
import type { NativeGpuDevice } from '../engine/native-addon.js';
import { PackageCache } from '../engine/package-cache.js';
import type { Governor } from '../governor/governor.js';
import { effectiveMaxMemoryBytes, effectiveThreads, loadResourceSettings } from '../governor/resource-settings-store.js';
import type { Logger } from '../log/logger.js';
import type { PracticeEndpoints } from '../practice/practice-market.js';
import { loadCostModel } from '../pricing/cost-model.js';
import type { Keychain } from '../secrets/keychain.js';
import type { Store } from '../store/store.js';
import { Calibrator } from './calibrator.js';
import { DevicePlanner } from './device-planner.js';
import { JobProver } from './job-prover.js';
import { Scheduler, type SchedulerEvent } from './scheduler.js';

export const EXTERNAL_BACKEND_SETTING = 'provers.externalBackend';

export interface SchedulerParts {
  scheduler: Scheduler;
  calibrator: Calibrator;
  devices: DevicePlanner;
}

export async function createScheduler(parts: {
  store: Store;
  keychain: Keychain;
  engine: EngineHost;
  /** Without one (calibration alone), the stored limits still set the threads. */
  governor?: Governor;
  dataDir: string;
  log: Logger;
  onEvent?: (event: SchedulerEvent) => void;
  /** The practice market's servers of this run, when it is on. */
  practice?: PracticeEndpoints;
  /** The built practice circuit packages, which calibration proves. */
  practicePackagesDir?: string;
  onCalibrated?: (calibration: Calibration) => void;
}): Promise<SchedulerParts> {
  const { store } = parts;
  const external = () => store.settings.get(EXTERNAL_BACKEND_SETTING) as ExternalBackendConfig | undefined;
  const prover = new JobProver(parts.engine, external);
  const { governor } = parts;
  const limits = () => governor?.settings() ?? loadResourceSettings(store.settings);
  const threads = () => effectiveThreads(limits());
  const calibrator: Calibrator = new Calibrator({
    store,
    prover,
    cache: new PackageCache(join(parts.dataDir, 'packages'), MAX_PACKAGE_BYTES),
    packagesDir: parts.practicePackagesDir,
    threads,
    gpus: (): NativeGpuDevice[] => devices.readyGpus(),
    log: parts.log,
    ...(parts.onCalibrated ? { onMeasured: parts.onCalibrated } : {}),
  });
  const devices: DevicePlanner = new DevicePlanner({
    engine: parts.engine,
    allowedGpus: () => limits().gpu.allowed,
    gpusAllowedNow: () => governor?.status().gpuAllowed ?? true,
    estimateMs: (constraints, device): number | undefined => calibrator.estimateOnMs(constraints, device),
    log: parts.log,
  });
  // Markets decide whether to take a job by the soonest any device proving may use would finish it.
  const estimateProvingMs = (constraints: number) => devices.fastestMs(constraints);
  const build = () =>
    buildAdapters({
      store,
      keychain: parts.keychain,
      dataDir: parts.dataDir,
      estimateProvingMs,
      ...(parts.practice ? { practice: parts.practice } : {}),
    });
  const scheduler = new Scheduler({
    store,
    adapters: await build(),
    reloadAdapters: build,
    prover,
    dataDir: parts.dataDir,
    threads,
    maxMemoryBytes: () => effectiveMaxMemoryBytes(limits()),
    ...(governor ? { governor } : {}),
    estimateProvingMs,
    chooseDevice: (zkeyPath, constraints) => devices.choose(zkeyPath, constraints),
    onDeviceFailure: (device, reason) => devices.setAsideAfterFailure(device, reason),
    costModel: () => loadCostModel(store.settings),
    log: parts.log,
    prepare: async (signal) => {
      await devices.refresh();
      await calibrator.ensure(signal);
    },
    onNativeProof: (constraints, provingTimeMs, device) => calibrator.observe(constraints, provingTimeMs, device),
    ...(parts.onEvent ? { onEvent: parts.onEvent } : {}),
  });
  return { scheduler, calibrator, devices };
}
