// API shapes for the Pricing page: the cost model (what a proof costs this machine and the least it asks for
// it, in integer US cents) and a preview of recent proofs priced under a model the user has not saved yet.
import { z } from 'zod';

/** Stored under the `pricing.costModel` setting; the scheduler prices each proof with it. */
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

/** Stored under `pricing.succinct`: how bids on the Succinct network are priced from the cost model. */
export const SuccinctBidSettingsSchema = z.object({
  /** What one PROVE is worth, in millionths of a US dollar (400000 = $0.40); the user enters it. */
  proveUsdMicros: z.number().int().min(1).max(1_000_000_000_000),
  /** Margin over break-even, in basis points. */
  marginBasisPoints: z.number().int().min(0).max(1_000_000),
  /** Never bid below this, in wei per PGU (decimal). */
  floorWeiPerPgu: z.string().regex(/^\d{1,30}$/, { message: 'must be a whole number of wei per PGU' }),
});
export type SuccinctBidSettingsInput = z.infer<typeof SuccinctBidSettingsSchema>;

export const PricingState = z.object({
  /** The model in use: the saved one, or the defaults while none is saved. */
  model: CostModelSchema,
  defaults: CostModelSchema,
  /** A rough figure for this machine's power draw while proving, as a hint for `powerWatts`. */
  estimatedPowerWatts: z.number().int().nonnegative(),
});

export const PricingSetInput = z.object({ model: CostModelSchema }).strict();

export const PricingPreviewInput = z
  .object({ model: CostModelSchema, limit: z.number().int().min(1).max(200).default(20) })
  .strict();

const Cents = z.number().int().nonnegative();

/** One proof made here: what it cost and asked when it was made, and what it would under the previewed model. */
export const PricedProof = z.object({
  jobId: z.string(),
  coordinatorName: z.string(),
  externalId: z.string(),
  /** The job's state now (accepted, rejected…). */
  state: z.string(),
  provedAtMs: z.number().int(),
  provingTimeMs: z.number().int().nonnegative(),
  recordedCostCents: Cents,
  recordedPriceCents: Cents,
  costCents: Cents,
  priceCents: Cents,
});
export type PricedProof = z.infer<typeof PricedProof>;

export const PricingPreview = z.object({
  /** Newest first. */
  proofs: z.array(PricedProof),
  totals: z.object({ recordedCostCents: Cents, recordedPriceCents: Cents, costCents: Cents, priceCents: Cents }),
});
export type PricingPreview = z.infer<typeof PricingPreview>;
