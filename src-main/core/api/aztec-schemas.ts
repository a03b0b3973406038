// API shapes for the Aztec quote market: its quote settings (fee from the epoch's cost against its fees, bond
// policy), a what-if over recent quote requests under settings not saved yet, and the quote ledger (quoted,
// declined, refused, claimed, paid) with the bonds staked now. Wei amounts and epochs are decimal strings.
import { z } from 'zod';

const Wei = z.string().regex(/^\d+$/);
const Count = z.number().int().nonnegative();
/** The protocol's fee range and the rollup's minimum bond (aztec-epoch-quotes.md §2.1, §7.2). */
const MAX_BASIS_POINT_FEE = 10_000;
const MIN_BOND_WEI = 1000n;

const weiAmount = (what: string) => z.string().regex(/^\d{1,40}$/, { message: `must be a whole number of wei (${what})` });

/** Stored under `pricing.aztec`: how quotes are priced. The renderer validates its form with it. */
export const AztecQuoteSettingsSchema = z.object({
  /** US cents per tx of an epoch. */
  costCentsPerTx: z.number().int().min(0).max(10_000_000),
  /** US cents per epoch, on top of its txs. */
  costCentsPerEpoch: z.number().int().min(0).max(1_000_000_000),
  /** Millionths of a US dollar per whole fee token (1000000 = $1). */
  feeTokenUsdMicros: z.number().int().min(1).max(1_000_000_000_000),
  /** Fee-token wei per block that the fee also shares (decimal). */
  rewardPerBlockWei: weiAmount('reward per block'),
  marginBasisPoints: z.number().int().min(0).max(1_000_000),
  maxBasisPointFee: z.number().int().min(1).max(MAX_BASIS_POINT_FEE),
  /** Fee-token wei (decimal), at least the rollup's minimum of 1000. */
  bondWei: weiAmount('bond').refine((text) => BigInt(text) >= MIN_BOND_WEI, { message: `must be at least ${MIN_BOND_WEI} wei (the rollup's minimum bond)` }),
  /** Slots a quote stays valid after its epoch ends; 0 = no expiry. */
  validForSlots: z.number().int().min(0).max(1_000_000),
});
export type AztecQuoteSettingsInput = z.infer<typeof AztecQuoteSettingsSchema>;

export const AztecPricingView = z.object({ settings: AztecQuoteSettingsSchema, defaults: AztecQuoteSettingsSchema });
export type AztecPricingView = z.infer<typeof AztecPricingView>;

export const AztecPricingSetInput = z.object({ settings: AztecQuoteSettingsSchema }).strict();

export const AztecPreviewInput = z.object({ settings: AztecQuoteSettingsSchema, limit: z.number().int().min(1).max(200).default(30) }).strict();

export const AztecQuoteOutcome = z.enum(['quoted', 'declined', 'refused', 'failed']);

export const AztecPreview = z.object({
  epochs: z.array(
    z.object({
      coordinatorId: z.string(),
      epoch: Wei,
      atMs: z.number().int(),
      txCount: z.number().int(),
      totalFeesWei: Wei,
      outcome: AztecQuoteOutcome,
      recordedBasisPointFee: z.number().int().nullable(),
      /** Under the previewed settings: the fee, or why the epoch would be declined. */
      basisPointFee: z.number().int().nullable(),
      declineReason: z.string().nullable(),
      costWei: Wei.nullable(),
      expectedRevenueWei: Wei.nullable(),
    }),
  ),
});
export type AztecPreview = z.infer<typeof AztecPreview>;

export const MarketQuotesInput = z
  .object({ coordinatorId: z.string().min(1).max(100).optional(), limit: z.number().int().min(1).max(500).default(50) })
  .strict();

export const AztecQuoteRow = z.object({
  coordinatorId: z.string(),
  coordinatorName: z.string(),
  atMs: z.number().int(),
  epoch: Wei.nullable(),
  txCount: z.number().int().nullable(),
  totalFeesWei: Wei.nullable(),
  outcome: AztecQuoteOutcome,
  basisPointFee: z.number().int().nullable(),
  bondWei: Wei.nullable(),
  validUntilSlot: Wei.nullable(),
  /** 'not-configured', 'sent', or the node's refusal. */
  submitted: z.string().nullable(),
  reason: z.string().nullable(),
  claimedAtMs: z.number().int().nullable(),
  payoutWei: Wei.nullable(),
  paidAtMs: z.number().int().nullable(),
  /** Whether the quote won its epoch's claim: null while the claim phase may still be running (or not a quote). */
  won: z.boolean().nullable(),
});
export type AztecQuoteRow = z.infer<typeof AztecQuoteRow>;

export const MarketQuotes = z.object({
  quotes: z.array(AztecQuoteRow),
  counts: z.object({ quoted: Count, declined: Count, refused: Count, failed: Count, claimed: Count, paid: Count, lost: Count }),
  /** Bonds staked on claimed epochs not yet paid: what a missed proof would put at risk. */
  bondsAtRiskWei: Wei,
});
export type MarketQuotes = z.infer<typeof MarketQuotes>;
