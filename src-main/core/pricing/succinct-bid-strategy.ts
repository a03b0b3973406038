// Pricing v2 for the Succinct Prover Network: a bid in PROVE wei per PGU from what a PGU costs this machine
// (the cost model over its measured throughput), the user's PROVE/USD rate, margin and floor, rounded up to the
// network's tick. 1 PROVE = 10^18 wei; prices on the network are wei per PGU (succinct-network.md §5, §6).
import type { CostModel } from './cost-model.js';

export interface SuccinctBidSettings {
  /** What one PROVE is worth, in millionths of a US dollar (400000 = $0.40). */
  proveUsdMicros: number;
  /** Margin over the break-even price, in basis points. */
  marginBasisPoints: number;
  /** Never bid below this, in wei per PGU. */
  floorWeiPerPgu: bigint;
}

export const DEFAULT_SUCCINCT_BID_SETTINGS: SuccinctBidSettings = {
  proveUsdMicros: 400_000,
  marginBasisPoints: 2_000,
  floorWeiPerPgu: 0n,
};

/** The network's tick when GetProofRequestParams gives 0 (sp1-cluster's fallback). */
export const FALLBACK_TICK_WEI = 10_000_000n;

const WEI_PER_PROVE = 10n ** 18n;
/** Scale for exact integer arithmetic on cents: nano-cents. */
const NANO = 1_000_000_000n;

export interface SuccinctQuote {
  /** What a PGU costs here, in wei at the user's PROVE rate (rounded up). */
  breakEvenWeiPerPgu: bigint;
  /** The bid: break-even plus margin, at least the floor, rounded up to the tick. */
  bidWeiPerPgu: bigint;
}

/**
 * Prices a request of gasLimit PGUs that this machine proves in provingMs at full speed. The per-proof
 * overhead is spread over the request's PGUs.
 */
export function quoteSuccinctBid(model: CostModel, settings: SuccinctBidSettings, request: { gasLimit: bigint; provingMs: number }, tickWei: bigint): SuccinctQuote {
  const gas = request.gasLimit > 0n ? request.gasLimit : 1n;
  // Cost of the request in nano-cents: energy and fixed cost per hour over its proving time, plus overhead.
  const centsPerHourNano = BigInt(Math.round(((model.powerWatts * model.electricityCentsPerKwh) / 1000 + model.fixedCentsPerHour) * 1e9));
  const provingMs = BigInt(Math.max(0, Math.ceil(request.provingMs)));
  const costNanoCents = (centsPerHourNano * provingMs) / 3_600_000n + BigInt(model.overheadCentsPerProof) * NANO;
  // wei = cents / (cents per PROVE) × 10^18, cents per PROVE = proveUsdMicros / 10^4.
  const usdMicros = BigInt(Math.max(1, settings.proveUsdMicros));
  const breakEven = ceilDiv(costNanoCents * WEI_PER_PROVE * 10_000n, NANO * usdMicros * gas);
  const withMargin = ceilDiv(breakEven * BigInt(10_000 + settings.marginBasisPoints), 10_000n);
  const tick = tickWei > 0n ? tickWei : FALLBACK_TICK_WEI;
  const bid = ceilDiv(maxOf(withMargin, settings.floorWeiPerPgu, 1n), tick) * tick;
  return { breakEvenWeiPerPgu: breakEven, bidWeiPerPgu: bid };
}

/** Wei per PGU as PROVE per billion PGUs, the unit the network's messages and the docs use (4 decimals). */
export function formatProvePerBpgu(weiPerPgu: bigint): string {
  const tenThousandths = (weiPerPgu * 10_000n) / 1_000_000_000n;
  return `${tenThousandths / 10_000n}.${(tenThousandths % 10_000n).toString().padStart(4, '0')}`;
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

function maxOf(...values: bigint[]): bigint {
  return values.reduce((a, b) => (a > b ? a : b));
}
