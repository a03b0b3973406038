// Pricing v1: what a proof costs this machine and the least it asks for it, in integer US cents, from the
// proving time measured for the job. Settings are stored under `pricing.costModel`.
import { availableParallelism } from 'node:os';
import { CostModelSchema, type CostModel } from '../api/pricing-schemas.js';
import type { SettingsRepo } from '../store/repos/settings-repo.js';

export const COST_MODEL_SETTING = 'pricing.costModel';

// The schema lives with the API shapes, which the renderer also reads (it validates the Pricing form with it).
export { CostModelSchema, type CostModel };

/** A rough desktop figure: 20 W for the rest of the machine plus 12 W per busy core; users edit it. */
export function estimatePowerWatts(cores = availableParallelism()): number {
  return 20 + 12 * cores;
}

export function defaultCostModel(): CostModel {
  return {
    electricityCentsPerKwh: 30,
    powerWatts: estimatePowerWatts(),
    fixedCentsPerHour: 0,
    overheadCentsPerProof: 0,
    marginBasisPoints: 2000,
    minimumPriceCents: 1,
  };
}

/** The saved model, or the defaults while none is saved (or the saved one no longer parses). */
export function loadCostModel(settings: SettingsRepo): CostModel {
  const stored = CostModelSchema.safeParse(settings.get(COST_MODEL_SETTING));
  return stored.success ? stored.data : defaultCostModel();
}

const MS_PER_HOUR = 3_600_000;

/**
 * Ledger currency of proof costs: US dollars in billionths, so a small proof (a practice one costs well under a
 * millionth of a dollar) is booked as it is rather than rounded up many times over.
 */
export const NANO_USD = 'USD-nano';
export const NANO_USD_PER_CENT = 10_000_000;

/** Cost of one proof that took provingTimeMs, in billionths of a dollar, rounded up (the ledger's figure). */
export function proofCostNanoUsd(model: CostModel, provingTimeMs: number): number {
  const hours = Math.max(0, provingTimeMs) / MS_PER_HOUR;
  const cents = (model.powerWatts / 1000) * hours * model.electricityCentsPerKwh + hours * model.fixedCentsPerHour + model.overheadCentsPerProof;
  return Math.max(0, Math.ceil(cents * NANO_USD_PER_CENT - 1e-6));
}

/** Cost of one proof that took provingTimeMs, rounded up to a whole cent (what protocols that take cents are told). */
export function proofCostCents(model: CostModel, provingTimeMs: number): number {
  const hours = Math.max(0, provingTimeMs) / MS_PER_HOUR;
  const energyCents = (model.powerWatts / 1000) * hours * model.electricityCentsPerKwh;
  // The epsilon keeps float noise (1.0000000001) from adding a cent.
  return Math.max(0, Math.ceil(energyCents + hours * model.fixedCentsPerHour + model.overheadCentsPerProof - 1e-9));
}

/** The least this machine asks: cost plus margin, never below the minimum price. */
export function proofPriceCents(model: CostModel, costCents: number): number {
  return Math.max(model.minimumPriceCents, Math.ceil((costCents * (10_000 + model.marginBasisPoints)) / 10_000));
}
