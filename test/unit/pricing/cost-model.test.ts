import { describe, expect, it } from 'vitest';
import { CostModelSchema, defaultCostModel, estimatePowerWatts, proofCostCents, proofCostNanoUsd, proofPriceCents, type CostModel } from '../../../src-main/core/pricing/cost-model.js';

const model: CostModel = { electricityCentsPerKwh: 30, powerWatts: 100, fixedCentsPerHour: 0, overheadCentsPerProof: 0, marginBasisPoints: 2000, minimumPriceCents: 1 };

describe('pricing v1', () => {
  it('charges electricity by energy used, rounded up to a whole cent', () => {
    expect(proofCostCents(model, 3_600_000)).toBe(3); // 0.1 kW × 1 h × 30 ¢
    expect(proofCostCents(model, 1_800_000)).toBe(2); // 1.5 ¢ → 2
    expect(proofCostCents(model, 0)).toBe(0);
    expect(proofCostCents(model, 1)).toBe(1); // any work costs at least a cent
  });

  it('books the same cost unrounded, in billionths of a dollar, for the ledger', () => {
    expect(proofCostNanoUsd(model, 3_600_000)).toBe(30_000_000); // 3 ¢
    expect(proofCostNanoUsd(model, 1_800_000)).toBe(15_000_000); // 1.5 ¢, not 2
    expect(proofCostNanoUsd(model, 100)).toBe(834); // 0.1 kW × 0.1 s × 30 ¢/kWh = 0.0000833 ¢ = 833.3 n$ → 834
    expect(proofCostNanoUsd(model, 0)).toBe(0);
    expect(proofCostNanoUsd({ ...model, fixedCentsPerHour: 120, overheadCentsPerProof: 5 }, 1_800_000)).toBe(665_000_000);
  });

  it('adds the fixed cost per hour and the overhead per proof', () => {
    expect(proofCostCents({ ...model, fixedCentsPerHour: 120, overheadCentsPerProof: 5 }, 1_800_000)).toBe(67); // 1.5 + 60 + 5 = 66.5 → 67
  });

  it('prices at cost plus margin, never below the minimum', () => {
    expect(proofPriceCents(model, 100)).toBe(120);
    expect(proofPriceCents(model, 7)).toBe(9); // 8.4 → 9
    expect(proofPriceCents({ ...model, minimumPriceCents: 50 }, 7)).toBe(50);
  });

  it('has defaults its own schema accepts, with a power estimate from the core count', () => {
    expect(CostModelSchema.safeParse(defaultCostModel()).success).toBe(true);
    expect(estimatePowerWatts(8)).toBe(116);
    expect(CostModelSchema.safeParse({ ...model, marginBasisPoints: -1 }).success).toBe(false);
  });
});
