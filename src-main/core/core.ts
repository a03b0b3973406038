// The core: what both the Electron shell and the headless daemon start. It owns the store, the keychain,
// the hardware sampler and the API that UIs use; it never imports Electron.
import { mkdirSync } from 'node:fs';
import { API_VERSION, ApiError, type ApiResponse, type EventMessage } from './api/contract.js';
import { createDispatcher, type ApiHandlers } from './api/dispatcher.js';
import { EventBus } from './api/event-bus.js';
import type { AppInfo } from './api/schemas.js';
import { databaseFileIn, PRODUCT_NAME } from './data-dir.js';
import { EngineHost } from './engine/engine-host.js';
import type { EngineLauncher } from './engine/engine-protocol.js';
import { forkEngineProcess } from './engine/fork-engine.js';
import { releaseSnarkjsWorkers } from './engine/snarkjs-workers.js';
import type { HardwareProbe } from './hardware/hardware-probe.js';
import { HardwareSampler } from './hardware/hardware-sampler.js';
import { createSystemInformationProbe } from './hardware/systeminformation-probe.js';
import { createStderrLogger, type Logger } from './log/logger.js';
import { coordinatorHandlers } from './coordinators/coordinator-handlers.js';
import { pricingHandlers } from './pricing/pricing-handlers.js';
import { headlessDesktopSignals, type DesktopSignals } from './governor/desktop-signals.js';
import type { Governor } from './governor/governor.js';
import { governorHandlers } from './governor/governor-handlers.js';
import { desktopSettingsHandlers } from './desktop/desktop-settings.js';
import { startGovernor } from './governor/start-governor.js';
import { createKeychain, type Keychain } from './secrets/keychain.js';
import { KeychainUnavailableError } from './secrets/keychain-errors.js';
import { startPracticeMarket, type PracticeMarket } from './practice/practice-market.js';
import { earningsHandlers } from './pricing/earnings-handlers.js';
import { succinctPricingHandlers } from './pricing/succinct-pricing-handlers.js';
import { marketBidHandlers } from './coordinators/market-bid-handlers.js';
import { AztecServices } from './coordinators/aztec/aztec-services.js';
import { quoteHandlers } from './coordinators/aztec/quote-handlers.js';
import { aztecPricingHandlers } from './pricing/aztec-pricing-handlers.js';
import { loadAztecQuoteSettings } from './pricing/aztec-quote-settings.js';
import type { Scheduler } from './scheduler/scheduler.js';
import { jobStatsSince } from './scheduler/job-stats.js';
import { listJobs } from './scheduler/job-list.js';
import { calibrationHandlers } from './scheduler/calibration-handlers.js';
import { externalBackendHandlers } from './scheduler/external-backend-handlers.js';
import type { Calibrator } from './scheduler/calibrator.js';
import { createScheduler } from './scheduler/start-scheduler.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/store.js';

export interface CoreOptions {
  dataDir: string;
  mode: AppInfo['mode'];
  appVersion: string;
  sampleIntervalMs?: number;
  /** Keychain service name; tests use their own so they never touch a user's real entries. */
  keychainService?: string;
  /** Replaces the systeminformation probe where the real hardware cannot be had (tests of GPUs, batteries). */
  hardwareProbe?: HardwareProbe;
  /** How the engine process starts: a child process by default, a utilityProcess under Electron. */
  engineLauncher?: EngineLauncher;
  /** better-sqlite3 is not a Node-API module: under Electron in a source checkout it needs its own build. */
  sqliteNativeBinding?: string;
  logger?: Logger;
  /** Where the built practice circuit packages are (dist/practice): the practice market serves them, calibration proves them. */
  practicePackagesDir?: string;
  /** Runs the built-in practice market (unless the user turned it off in settings). */
  practice?: boolean;
  /** Idle time and sleep/wake: Electron's powerMonitor, or what the headless daemon can offer (the default). */
  desktopSignals?: DesktopSignals;
  /** How often the governor reads the machine (default 2 s). */
  governorIntervalMs?: number;
}

export interface Core {
  readonly info: AppInfo;
  /** Validates a request envelope and its input, runs it, and answers; never throws. */
  dispatch(raw: unknown): Promise<ApiResponse>;
  subscribe(listener: (event: EventMessage) => void): () => void;
  close(): Promise<void>;
}

/** Opens everything the core needs; throws (e.g. StoreOpenError) with a message fit for the user. */
export async function startCore(options: CoreOptions): Promise<Core> {
  const logger = options.logger ?? createStderrLogger('core');
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const store = openStore(
    databaseFileIn(options.dataDir),
    options.sqliteNativeBinding === undefined ? {} : { nativeBinding: options.sqliteNativeBinding },
  );
  const keychain = createKeychain({ service: options.keychainService ?? PRODUCT_NAME });
  const engine = new EngineHost(options.engineLauncher ?? forkEngineProcess, { onWarning: (message) => logger.warn(message) });
  const bus = new EventBus((error) => logger.error('event listener failed', error));
  const sampler = new HardwareSampler({
    probe: options.hardwareProbe ?? createSystemInformationProbe(),
    sink: store.metrics,
    ...(options.sampleIntervalMs === undefined ? {} : { intervalMs: options.sampleIntervalMs }),
    onError: (error) => logger.warn(`hardware sampling failed: ${error.message}`),
  });
  sampler.onSample((sample) => bus.emit('hardware.sample', sample));
  try {
    await sampler.start();
  } catch (error) {
    store.close();
    throw error;
  }

  const desktop = options.desktopSignals ?? headlessDesktopSignals({ assumeIdle: false });
  const governor = await startGovernor({
    store,
    engine,
    desktop,
    latestSample: () => sampler.latest(),
    ...(options.governorIntervalMs === undefined ? {} : { intervalMs: options.governorIntervalMs }),
    onChange: (status) => bus.emit('governor.changed', status),
    log: createStderrLogger('governor'),
  });

  const practice = options.practice && options.practicePackagesDir !== undefined ? await startPracticeOrSayWhy(store, keychain, options.dataDir, options.practicePackagesDir, logger) : undefined;
  const { scheduler, calibrator } = await createScheduler({
    ...(practice ? { practice: practice.endpoints } : {}),
    ...(options.practicePackagesDir === undefined ? {} : { practicePackagesDir: options.practicePackagesDir }),
    store,
    keychain,
    engine,
    governor,
    dataDir: options.dataDir,
    log: createStderrLogger('scheduler'),
    onCalibrated: (calibration) => bus.emit('engine.calibrated', { measuredAtMs: calibration.measuredAtMs }),
    onEvent: (event) => {
      if (event.type === 'job') bus.emit('jobs.changed', { jobId: event.jobId, state: event.state });
      else {
        const fraction = Math.min(1, Math.max(0, event.fraction));
        bus.emit('scheduler.progress', { jobId: event.jobId, phase: event.phase, fraction, ...(event.device === undefined ? {} : { device: event.device }) });
      }
    },
  });
  scheduler.run().catch((error: unknown) => logger.error('the scheduler stopped', error));
  // Aztec quote markets answer a node's requests rather than poll, so they run beside the scheduler.
  const aztec = new AztecServices({ store, keychain, logger: createStderrLogger('aztec'), ...(practice ? { practice: practice.endpoints.aztec } : {}) });
  await aztec.start();
  bus.subscribe((event) => {
    if (event.name === 'coordinators.changed') void aztec.refresh();
  });

  const info: AppInfo = {
    apiVersion: API_VERSION,
    appVersion: options.appVersion,
    mode: options.mode,
    dataDir: options.dataDir,
    databaseFile: store.file,
    platform: process.platform,
    startedAtMs: Date.now(),
  };
  const lifetime = new AbortController();
  const dispatch = createDispatcher(buildHandlers({ info, store, keychain, sampler, engine, bus, scheduler, calibrator, governor, desktop, aztec, lifetime: lifetime.signal }), (error) =>
    logger.error('API handler failed', error),
  );

  let closing: Promise<void> | undefined;
  return {
    info,
    dispatch,
    subscribe: (listener) => bus.subscribe(listener),
    close: () =>
      (closing ??= (async () => {
        lifetime.abort(new Error('the app is stopping'));
        await scheduler.stop();
        governor.stop();
        await aztec.close();
        await practice?.close();
        engine.close();
        await sampler.stop();
        store.close();
        await releaseSnarkjsWorkers(); // the practice servers verify with snarkjs, whose worker threads never end on their own
      })()),
  };
}

interface Parts {
  info: AppInfo;
  calibrator: Calibrator;
  /** Aborted when the core closes (ends a calibration in progress). */
  lifetime: AbortSignal;
  store: Store;
  keychain: Keychain;
  sampler: HardwareSampler;
  engine: EngineHost;
  bus: EventBus;
  scheduler: Scheduler;
  governor: Governor;
  desktop: DesktopSignals;
  aztec: AztecServices;
}

function buildHandlers({ info, store, keychain, sampler, engine, bus, scheduler, calibrator, governor, desktop, aztec, lifetime }: Parts): ApiHandlers {
  const markets = coordinatorHandlers({ store, keychain, scheduler, bus, aztec });
  const pricing = pricingHandlers({ store });
  const aztecPricing = aztecPricingHandlers({ store });
  const quotes = quoteHandlers({ store });
  const succinctPricing = succinctPricingHandlers({ store, provingMs: (gasLimit) => calibrator.estimateMs(Number(gasLimit)), calibrated: () => calibrator.current() !== undefined });
  const bids = marketBidHandlers({ store });
  const earnings = earningsHandlers({ store, usdRates: () => ({ FEE: loadAztecQuoteSettings(store.settings).feeTokenUsdMicros }) });
  const calibration = calibrationHandlers({ calibrator, lifetime });
  const provers = externalBackendHandlers({ store });
  const resources = governorHandlers({ governor, desktop });
  const shell = desktopSettingsHandlers({ settings: store.settings, bus, applies: info.mode === 'electron' });
  return {
    queries: {
      ...markets.queries,
      ...pricing.queries,
      ...succinctPricing.queries,
      ...aztecPricing.queries,
      ...quotes.queries,
      ...bids.queries,
      ...earnings.queries,
      ...calibration.queries,
      ...provers.queries,
      ...resources.queries,
      ...shell.queries,
      'app.info': () => info,
      'hardware.current': () => ({ static: sampler.staticInfo(), latest: sampler.latest() }),
      'hardware.history': ({ metrics, sinceMs, untilMs }) => ({
        bucketMs: 60_000,
        buckets: store.metrics.query(metrics, sinceMs, untilMs ?? Date.now()),
      }),
      'secrets.status': () => keychain.status(),
      'engine.devices': async () => {
        try {
          return { ...(await engine.inventory()), problem: null };
        } catch (error) {
          return { devices: [], gpuSummary: null, problem: (error as Error).message };
        }
      },
      'jobs.list': ({ limit, offset }) => ({ jobs: listJobs(store, { limit, offset }) }),
      'jobs.events': ({ jobId }) => {
        if (!store.jobs.get(jobId)) throw new ApiError('not_found', `no job ${jobId}`);
        return { events: store.jobEvents.listForJob(jobId).map((e) => ({ atMs: e.atMs, kind: e.kind, message: e.message, data: e.data })) };
      },
      'jobs.stats': ({ sinceMs }) => jobStatsSince(store, sinceMs),
      'scheduler.status': () => {
        const activity = new Map(scheduler.activity().map((a) => [a.id, a]));
        const current = scheduler.current();
        return {
          current: current ? { ...current, fraction: Math.min(1, Math.max(0, current.fraction)) } : null,
          coordinators: store.coordinators.list().map((c) => ({
            id: c.id,
            name: c.name,
            kind: c.kind,
            enabled: c.enabled,
            pausedReason: c.pausedReason,
            idleReason: activity.get(c.id)?.idleReason ?? null,
            unreachableSinceMs: activity.get(c.id)?.unreachableSinceMs ?? null,
          })),
        };
      },
    },
    commands: {
      ...markets.commands,
      ...pricing.commands,
      ...succinctPricing.commands,
      ...aztecPricing.commands,
      ...calibration.commands,
      ...provers.commands,
      ...resources.commands,
      ...shell.commands,
      'secrets.set': async ({ account, secret }) => {
        await keychainCall(() => keychain.set(account, secret));
        bus.emit('secrets.changed', { account, stored: true });
        return { account, stored: true as const };
      },
      'secrets.delete': async ({ account }) => {
        const deleted = await keychainCall(() => keychain.delete(account));
        if (deleted) bus.emit('secrets.changed', { account, stored: false });
        return { account, deleted };
      },
      'jobs.cancel': async ({ jobId }) => ({ jobId, cancelled: scheduler.cancel(jobId) }),
    },
  };
}

/** The practice market is a convenience: if it cannot start, the app runs without it and says why. */
async function startPracticeOrSayWhy(store: Store, keychain: Keychain, dataDir: string, packagesDir: string, logger: Logger): Promise<PracticeMarket | undefined> {
  try {
    return await startPracticeMarket({ store, keychain, dataDir, packagesDir });
  } catch (error) {
    logger.warn(`the practice market did not start: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** A missing keychain is the user's to fix, so it travels as `unavailable` with its advice intact. */
async function keychainCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof KeychainUnavailableError) throw new ApiError('unavailable', error.message);
    throw error;
  }
}
