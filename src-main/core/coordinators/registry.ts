// Builds the scheduler's coordinator adapters from the stored coordinators. Secrets (the batch API's
// participant ID) come from the keychain; a coordinator whose secret is missing is paused with the reason.
import { join } from 'node:path';
import { z } from 'zod';
import { PackageCache } from '../engine/package-cache.js';
import { HttpClient } from '../net/http-client.js';
import type { CoordinatorAdapter } from '../scheduler/coordinator-adapter.js';
import type { Keychain } from '../secrets/keychain.js';
import type { Store } from '../store/store.js';
import { BatchApiAdapter } from './batch-api/adapter.js';
import { BatchApiClient } from './batch-api/client.js';

export const MAX_PACKAGE_BYTES = 2 * 2 ** 30;

/** Keychain account holding a batch-API coordinator's participant ID. */
export const participantAccount = (coordinatorId: string) => `coordinator:${coordinatorId}:participant`;

export const BatchApiConfigSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  submitPath: z.string().regex(/^\/\S*$/, 'must start with /').optional(),
  deploymentVersion: z.string().min(1).max(200).optional(),
});
export type BatchApiConfig = z.infer<typeof BatchApiConfigSchema>;

export const DEFAULT_DEPLOYMENT_VERSION = 'proverdesk-cpu';

export async function buildAdapters(store: Store, keychain: Keychain, dataDir: string): Promise<CoordinatorAdapter[]> {
  const pause = (id: string, reason: string) => {
    if (store.coordinators.get(id)?.pausedReason !== reason) store.coordinators.setPaused(id, reason);
  };
  const packages = new PackageCache(join(dataDir, 'packages'), MAX_PACKAGE_BYTES);
  const adapters: CoordinatorAdapter[] = [];
  for (const coordinator of store.coordinators.list()) {
    if (!coordinator.enabled || coordinator.pausedReason !== null || coordinator.kind !== 'batch-api') continue;
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
