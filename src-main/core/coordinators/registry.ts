// Builds the scheduler's coordinator adapters from the stored coordinators. Secrets (the batch API's
// participant ID) come from the keychain; a coordinator whose secret is missing is paused with the reason.
import { join } from 'node:path';
import { z } from 'zod';
import { PackageCache } from '../engine/package-cache.js';
import { HttpClient } from '../net/http-client.js';
import type { CoordinatorAdapter } from '../scheduler/coordinator-adapter.js';
import type { Keychain } from '../secrets/keychain.js';
import type { Store } from '../store/store.js';
import { PRACTICE_PACE_MS, type PracticeEndpoints } from '../practice/practice-market.js';
import { standingBy } from '../practice/standby-adapter.js';
import { BatchApiAdapter } from './batch-api/adapter.js';
import { BatchApiClient } from './batch-api/client.js';
import { DonationAdapter } from './donation/adapter.js';
import { DonorClient } from './donation/donor-client.js';
import { buildSuccinctAdapter } from './succinct/build-adapter.js';

export const MAX_PACKAGE_BYTES = 2 * 2 ** 30;

/** Keychain account holding a batch-API coordinator's participant ID. */
export const participantAccount = (coordinatorId: string) => `coordinator:${coordinatorId}:participant`;

export const BatchApiConfigSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  submitPath: z.string().regex(/^\/\S*$/, 'must start with /').optional(),
  deploymentVersion: z.string().min(1).max(200).optional(),
});
export type BatchApiConfig = z.infer<typeof BatchApiConfigSchema>;

/** A donation server: donors are anonymous, so no secret; `programIds` absent or empty means every listed program. */
export const DonationConfigSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  programIds: z.array(z.string().min(1).max(200)).max(1000).optional(),
});
export type DonationConfig = z.infer<typeof DonationConfigSchema>;

export const DEFAULT_DEPLOYMENT_VERSION = 'proverdesk-cpu';

export interface AdapterParts {
  store: Store;
  keychain: Keychain;
  dataDir: string;
  /** The practice market's servers of this run, when it is on. */
  practice?: PracticeEndpoints;
  /** Predicted proving time for a circuit of this size (calibration), for coordinators that must not overrun. */
  estimateProvingMs: (constraints: number) => number;
}

export async function buildAdapters({ store, keychain, dataDir, practice, estimateProvingMs }: AdapterParts): Promise<CoordinatorAdapter[]> {
  const pause = (id: string, reason: string) => {
    if (store.coordinators.get(id)?.pausedReason !== reason) store.coordinators.setPaused(id, reason);
  };
  const packages = new PackageCache(join(dataDir, 'packages'), MAX_PACKAGE_BYTES);
  const adapters: CoordinatorAdapter[] = [];
  const realConnected = store.coordinators.list().some((c) => c.kind !== 'practice' && c.enabled && c.pausedReason === null);
  for (const coordinator of store.coordinators.list()) {
    if (!coordinator.enabled || coordinator.pausedReason !== null) continue;
    const donationAdapter = (url: string, programIds?: string[]) =>
      new DonationAdapter(coordinator.id, coordinator.name, new DonorClient(url), packages, join(dataDir, 'donation-spool', coordinator.id), programIds ? { programIds } : {}, estimateProvingMs);
    if (coordinator.kind === 'practice') {
      let adapter: CoordinatorAdapter | undefined;
      if (practice && coordinator.config.protocol === 'batch-api') {
        const client = new BatchApiClient({ ...practice.batchApi, deploymentVersion: DEFAULT_DEPLOYMENT_VERSION }, new HttpClient());
        adapter = new BatchApiAdapter(coordinator.id, coordinator.name, client, packages, practice.batchApi.url, PRACTICE_PACE_MS);
      }
      if (practice && coordinator.config.protocol === 'donation') adapter = donationAdapter(practice.donation.url);
      if (coordinator.config.protocol === 'succinct') {
        if (!practice?.succinct) continue;
        if ('unavailable' in practice.succinct) {
          pause(coordinator.id, practice.succinct.unavailable);
          continue;
        }
        const built = await buildSuccinctAdapter(coordinator, { store, keychain, packages, estimateProvingMs }, practice.succinct);
        if ('pause' in built) pause(coordinator.id, built.pause);
        // A market the user turned on is not a stand-in for real work: it keeps bidding beside real coordinators.
        else adapters.push(built);
        continue;
      }
      if (adapter) adapters.push(realConnected ? standingBy(adapter) : adapter);
      continue;
    }
    if (coordinator.kind === 'succinct') {
      const built = await buildSuccinctAdapter(coordinator, { store, keychain, packages, estimateProvingMs });
      if ('pause' in built) pause(coordinator.id, built.pause);
      else adapters.push(built);
      continue;
    }
    if (coordinator.kind === 'donation') {
      const config = DonationConfigSchema.safeParse(coordinator.config);
      if (!config.success) {
        pause(coordinator.id, `its settings are not usable (${config.error.issues[0]?.path.join('.')}: ${config.error.issues[0]?.message}); edit it in Markets`);
        continue;
      }
      adapters.push(donationAdapter(config.data.url, config.data.programIds));
      continue;
    }
    if (coordinator.kind !== 'batch-api') continue;
    const config = BatchApiConfigSchema.safeParse(coordinator.config);
    if (!config.success) {
      pause(coordinator.id, `its settings are not usable (${config.error.issues[0]?.path.join('.')}: ${config.error.issues[0]?.message}); edit it in Markets`);
      continue;
    }
    let participantId: string | null;
    try {
      participantId = await keychain.get(participantAccount(coordinator.id));
    } catch (error) {
      pause(coordinator.id, `cannot read its participant ID: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    if (!participantId) {
      pause(coordinator.id, 'no participant ID in the keychain; set it in Markets');
      continue;
    }
    const client = new BatchApiClient(
      { url: config.data.url, participantId, submitPath: config.data.submitPath, deploymentVersion: config.data.deploymentVersion ?? DEFAULT_DEPLOYMENT_VERSION },
      new HttpClient(),
    );
    adapters.push(new BatchApiAdapter(coordinator.id, coordinator.name, client, packages, config.data.url));
  }
  return adapters;
}
