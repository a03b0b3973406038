// Pricing v1: what a proof costs this machine and the least it asks for it, in integer US cents, from the
// proving time measured for the job. Settings are stored under `pricing.costModel`.
import { availableParallelism } from 'node:os';
import { z } from 'zod';

export const COST_MODEL_SETTING = 'pricing.costModel';

export const CostModelSchema = z.object({
  /** Electricity price, in cents per kWh. */
  electricityCentsPerKwh: z.number().int().min(0).max(10_000),
  /** The machine's power draw while proving, in watts. */
  powerWatts: z.number().int().min(0).max(100_000),
  /** Cloud rent, space, connectivity: cents per hour of proving. */
  fixedCentsPerHour: z.number().int().min(0).max(10_000_000),
  /** Bookkeeping, bandwidth and the like, per proof. */
  overheadCentsPerProof: z.number().int().min(0).max(10_000_000),
  /** Margin over cost, in basis points (1500 = 15 %). */
  marginBasisPoints: z.number().int().min(0).max(1_000_000),
  minimumPriceCents: z.number().int().min(0).max(100_000_000),
});
export type CostModel = z.infer<typeof CostModelSchema>;

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

const MS_PER_HOUR = 3_600_000;

/** Cost of one proof that took provingTimeMs, rounded up to a whole cent. */
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
