// The API's pricing endpoints (Pricing page): the cost model in use, saving it (the scheduler reads it for each
// proof), and a preview of recent proofs priced under a model that is not saved yet.
import type { ApiHandlers } from '../api/dispatcher.js';
import type { PricedProof } from '../api/pricing-schemas.js';
import type { Store } from '../store/store.js';
import { COST_MODEL_SETTING, defaultCostModel, estimatePowerWatts, loadCostModel, proofCostCents, proofPriceCents } from './cost-model.js';

type PricingQueries = Pick<ApiHandlers['queries'], 'pricing.get' | 'pricing.preview'>;
type PricingCommands = Pick<ApiHandlers['commands'], 'pricing.set'>;

export function pricingHandlers({ store }: { store: Store }): { queries: PricingQueries; commands: PricingCommands } {
  return {
    queries: {
      'pricing.get': () => ({ model: loadCostModel(store.settings), defaults: defaultCostModel(), estimatedPowerWatts: estimatePowerWatts() }),
      'pricing.preview': ({ model, limit }) => {
        const proofs = recentProofs(store, limit).map((proof) => {
          const costCents = proofCostCents(model, proof.provingTimeMs);
          return { ...proof, costCents, priceCents: proofPriceCents(model, costCents) };
        });
        const sum = (pick: (proof: PricedProof) => number) => proofs.reduce((total, proof) => total + pick(proof), 0);
        return {
          proofs,
          totals: {
            recordedCostCents: sum((p) => p.recordedCostCents),
            recordedPriceCents: sum((p) => p.recordedPriceCents),
            costCents: sum((p) => p.costCents),
            priceCents: sum((p) => p.priceCents),
          },
        };
      },
    },
    commands: {
      'pricing.set': async ({ model }) => {
        store.settings.set(COST_MODEL_SETTING, model);
        return { model };
      },
    },
  };
}

type RecordedProof = Omit<PricedProof, 'costCents' | 'priceCents'>;

/** The newest proofs made here, from the jobs' `proved` events (proving time and what was asked then). */
function recentProofs(store: Store, limit: number): RecordedProof[] {
  const names = new Map(store.coordinators.list().map((c) => [c.id, c.name]));
  const proofs: RecordedProof[] = [];
  for (const event of store.jobEvents.listRecentByKinds(['proved'], limit)) {
    const data = (event.data ?? {}) as { provingTimeMs?: unknown; costCents?: unknown; priceCents?: unknown };
    const job = store.jobs.get(event.jobId);
    if (!job || !isCount(data.provingTimeMs) || !isCount(data.costCents) || !isCount(data.priceCents)) continue;
    proofs.push({
      jobId: job.id,
      coordinatorName: names.get(job.coordinatorId) ?? job.coordinatorId,
      externalId: job.externalId,
      state: job.state,
      provedAtMs: event.atMs,
      provingTimeMs: data.provingTimeMs,
      recordedCostCents: data.costCents,
      recordedPriceCents: data.priceCents,
    });
  }
  return proofs;
}

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
