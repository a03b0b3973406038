// Puts a scheduler together from the core's parts: adapters for the stored coordinators, the engine, the
// external backend and cost model from settings, threads from the machine (the governor will own this).
import { availableParallelism } from 'node:os';
import { buildAdapters } from '../coordinators/registry.js';
import type { EngineHost } from '../engine/engine-host.js';
import type { ExternalBackendConfig } from '../engine/external-backend.js';
import type { Logger } from '../log/logger.js';
import { COST_MODEL_SETTING, CostModelSchema, defaultCostModel } from '../pricing/cost-model.js';
import type { Keychain } from '../secrets/keychain.js';
import type { Store } from '../store/store.js';
import { JobProver } from './job-prover.js';
import { Scheduler, type SchedulerEvent } from './scheduler.js';

export const EXTERNAL_BACKEND_SETTING = 'provers.externalBackend';

export async function createScheduler(parts: {
  store: Store;
  keychain: Keychain;
  engine: EngineHost;
  dataDir: string;
  log: Logger;
  onEvent?: (event: SchedulerEvent) => void;
}): Promise<Scheduler> {
  const { store } = parts;
  const build = () => buildAdapters(store, parts.keychain, parts.dataDir);
  const adapters = await build();
  const external = () => store.settings.get(EXTERNAL_BACKEND_SETTING) as ExternalBackendConfig | undefined;
  return new Scheduler({
    store,
    adapters,
    reloadAdapters: build,
    prover: new JobProver(parts.engine, external),
    dataDir: parts.dataDir,
    threads: () => Math.max(1, availableParallelism() - 1),
    costModel: () => {
      const stored = CostModelSchema.safeParse(store.settings.get(COST_MODEL_SETTING));
      return stored.success ? stored.data : defaultCostModel();
    },
    log: parts.log,
    ...(parts.onEvent ? { onEvent: parts.onEvent } : {}),
  });
}
