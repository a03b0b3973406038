// Pricing for Aztec epoch proof quotes (aztec-epoch-quotes.md §4.1): the basis-point fee that makes an epoch's
// fees (plus the block rewards the fee also shares) pay for proving it. The cost is the user's, in US cents per
// epoch and per tx, converted to fee-token wei at their token rate, plus margin. Pure integer bigint math.
import { MAX_BASIS_POINT_FEE, type QuoteRequest } from '../coordinators/aztec/quote-wire.js';

export interface AztecQuoteSettings {
  /** What proving one tx of an epoch costs, in US cents. */
  costCentsPerTx: number;
  /** What proving an epoch costs on top of its txs (the root rollup, submission), in US cents. */
  costCentsPerEpoch: number;
  /** What one whole fee token (10^18 wei) is worth, in millionths of a US dollar (1000000 = $1). */
  feeTokenUsdMicros: number;
  /** The block reward the prover's fee also takes its share of, in fee-token wei per block. */
  rewardPerBlockWei: bigint;
  /** Margin over cost, in basis points. */
  marginBasisPoints: number;
  /** Never ask more than this (1..10000): above it, decline the epoch. */
  maxBasisPointFee: number;
  /** The bond offered with each quote, in fee-token wei (the rollup's minimum is 1000); the escrow must hold it. */
  bondWei: bigint;
  /** How many slots a quote stays valid after the epoch ends; 0 = no expiry. */
  validForSlots: number;
}

export const DEFAULT_AZTEC_QUOTE_SETTINGS: AztecQuoteSettings = {
  costCentsPerTx: 1,
  costCentsPerEpoch: 100,
  feeTokenUsdMicros: 1_000_000,
  rewardPerBlockWei: 0n,
  marginBasisPoints: 2_000,
  maxBasisPointFee: MAX_BASIS_POINT_FEE,
  bondWei: 10n ** 21n,
  validForSlots: 0,
};

export type AztecQuoteDecision =
  | {
      basisPointFee: number;
      bondAmountWei: bigint;
      /** Absolute L2 slot; left out for no expiry. */
      validUntilSlot?: bigint;
      /** The epoch's cost at the token rate, without margin. */
      costWei: bigint;
      /** What the fee earns if every block of the epoch pays out. */
      expectedRevenueWei: bigint;
    }
  | { decline: string };

const WEI_PER_TOKEN = 10n ** 18n;
/** US cents to millionths of a dollar. */
const USD_MICROS_PER_CENT = 10_000n;
const BASIS = 10_000n;

/**
 * The quote for an epoch: fee = ceil(10000 × cost with margin / (fees + blocks × reward)), at least 1 bp.
 * `currentSlot` is the L2 slot the quote's validity counts from.
 */
export function quoteEpoch(settings: AztecQuoteSettings, request: QuoteRequest, currentSlot?: bigint): AztecQuoteDecision {
  const costCents = BigInt(settings.costCentsPerEpoch) + BigInt(settings.costCentsPerTx) * BigInt(request.txCount);
  // wei = cents × 10^4 (µUSD per cent) × 10^18 (wei per token) / µUSD per token, rounded up.
  const weiNumerator = costCents * USD_MICROS_PER_CENT * WEI_PER_TOKEN;
  const usdMicros = BigInt(Math.max(1, settings.feeTokenUsdMicros));
  const costWei = ceilDiv(weiNumerator, usdMicros);
  const costWithMarginWei = ceilDiv(weiNumerator * (BASIS + BigInt(settings.marginBasisPoints)), usdMicros * BASIS);
  const blocks = BigInt(request.toBlock - request.fromBlock + 1);
  const poolWei = request.totalFeesWei + blocks * settings.rewardPerBlockWei;

  const fee = poolWei === 0n ? undefined : maxOf(1n, ceilDiv(BASIS * costWithMarginWei, poolWei));
  if (fee === undefined || fee > BigInt(settings.maxBasisPointFee)) {
    return {
      decline: `the epoch's fees (${formatFeeTokens(poolWei)}) cannot pay its cost (${formatFeeTokens(costWithMarginWei)}) within your max fee of ${settings.maxBasisPointFee} bp`,
    };
  }
  const decision: AztecQuoteDecision = {
    basisPointFee: Number(fee),
    bondAmountWei: settings.bondWei,
    costWei,
    expectedRevenueWei: (poolWei * fee) / BASIS,
  };
  if (settings.validForSlots > 0 && currentSlot !== undefined) decision.validUntilSlot = currentSlot + BigInt(settings.validForSlots);
  return decision;
}

/** Fee-token wei as whole tokens with up to 6 decimals ("0.016 FEE"); amounts below that in wei. */
export function formatFeeTokens(wei: bigint): string {
  const micro = wei / 10n ** 12n;
  if (micro === 0n && wei > 0n) return `${wei} wei`;
  const decimals = (micro % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
  return `${micro / 1_000_000n}${decimals ? `.${decimals}` : ''} FEE`;
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

function maxOf(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
