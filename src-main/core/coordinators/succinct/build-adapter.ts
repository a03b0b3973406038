// Puts a Succinct coordinator together from its stored row: the signing key from the keychain, its settings,
// and the pricing and throughput it bids with. Real SP1 requests are timed by the throughput the user gives
// (PGU/s of their SP1 prover); practice requests, whose PGUs are circuit constraints, by this machine's
// calibration.
import type { PackageCache } from '../../engine/package-cache.js';
import { loadCostModel } from '../../pricing/cost-model.js';
import { loadSuccinctBidSettings } from '../../pricing/succinct-bid-settings.js';
import { quoteSuccinctBid } from '../../pricing/succinct-bid-strategy.js';
import type { Keychain } from '../../secrets/keychain.js';
import { loadSigner } from '../../secrets/signing-keys.js';
import type { Store } from '../../store/store.js';
import { SuccinctAdapter } from './adapter.js';
import { artifactHttpClient } from './artifacts.js';
import { SuccinctConfigSchema, succinctMarketSettings, type SuccinctConfig } from './config.js';
import { SuccinctClient, type RetryPolicy } from './network-client.js';

const ENDED_STATES = new Set(['accepted', 'rejected', 'failed', 'expired', 'cancelled']);

/**
 * Retries inside one call, kept short: the scheduler polls every coordinator in turn, so the reference node's
 * 120 s of retries would hold every other market up while one network is down. Longer outages are the
 * scheduler's (poll backoff up to 10 min; submissions tried again with backoff).
 */
const IN_APP_RETRY: RetryPolicy = { initialMs: 1_000, maxIntervalMs: 4_000, totalMs: 10_000 };

export interface SuccinctBuildParts {
  store: Store;
  keychain: Keychain;
  packages: PackageCache;
  estimateProvingMs: (constraints: number) => number;
}

/** The adapter, or why the coordinator cannot run (it is paused with that reason). */
export async function buildSuccinctAdapter(
  coordinator: { id: string; name: string; config: Record<string, unknown> },
  parts: SuccinctBuildParts,
  practice?: { url: string; config: SuccinctConfig },
): Promise<SuccinctAdapter | { pause: string }> {
  const parsed = practice ? { success: true as const, data: practice.config } : SuccinctConfigSchema.safeParse(coordinator.config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { pause: `its settings are not usable (${issue?.path.join('.')}: ${issue?.message}); edit it in Markets` };
  }
  const config = parsed.data;
  let signer;
  try {
    signer = await loadSigner(parts.keychain, coordinator.id);
  } catch (error) {
    return { pause: `cannot read its signing key: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!signer) return { pause: 'no signing key in the keychain; import or generate one in Markets' };
  if (signer.addressText.toLowerCase() !== config.signerAddress.toLowerCase()) {
    return { pause: `the keychain holds a key for ${signer.addressText}, not ${config.signerAddress}; import the key again in Markets` };
  }
  if (!practice && config.throughputPgusPerS === undefined) {
    return { pause: "set this prover's throughput (PGU per second of your SP1 prover) in Markets, so bids fit their deadlines" };
  }
  const { store } = parts;
  const throughput = config.throughputPgusPerS;
  const provingMs = (gasLimit: bigint) => (practice || throughput === undefined ? parts.estimateProvingMs(Number(gasLimit)) : (Number(gasLimit) / throughput) * 1000);
  return new SuccinctAdapter(coordinator.id, coordinator.name, {
    client: new SuccinctClient({ url: practice?.url ?? config.url, signer, retry: IN_APP_RETRY }),
    http: artifactHttpClient(),
    packages: parts.packages,
    bids: store.marketBids,
    settings: () => succinctMarketSettings(config, practice !== undefined),
    provingMs,
    bidWeiPerPgu: (gasLimit, ms, tickWei) => quoteSuccinctBid(loadCostModel(store.settings), loadSuccinctBidSettings(store.settings), { gasLimit, provingMs: ms }, tickWei).bidWeiPerPgu,
    jobEnded: (requestId) => {
      const job = store.jobs.findByExternal(coordinator.id, requestId);
      return job !== undefined && ENDED_STATES.has(job.state);
    },
  });
}
