// The Aztec what-if summed up: how many of the recent epochs the settings would quote, and what those quotes would
// earn against the epochs' cost, in FEE and, at the token price typed, in dollars.
import type { AztecPreview } from '../../../src-main/core/api/aztec-schemas.js';
import { FEE_DECIMALS, formatFee, formatUsd, usdEstimate } from '../../amounts.js';

/** "2 of 3 epochs quoted; claimed and proven, they would earn 3.1000 FEE against a cost of 2.6000 FEE (≈ $3.10 against $2.60 at your token price)." */
export function whatIfTotalText(whatIf: AztecPreview, feeTokenUsdMicros: number | null): string {
  const quoted = whatIf.epochs.filter((epoch) => epoch.basisPointFee !== null);
  const revenueWei = quoted.reduce((sum, epoch) => sum + BigInt(epoch.expectedRevenueWei ?? '0'), 0n);
  const costWei = quoted.reduce((sum, epoch) => sum + BigInt(epoch.costWei ?? '0'), 0n);
  const dollars =
    feeTokenUsdMicros === null
      ? ''
      : ` (≈ ${formatUsd(usdEstimate(revenueWei, FEE_DECIMALS, feeTokenUsdMicros))} against ${formatUsd(usdEstimate(costWei, FEE_DECIMALS, feeTokenUsdMicros))} at your token price)`;
  return `${quoted.length} of ${whatIf.epochs.length} epochs quoted; claimed and proven, they would earn ${formatFee(revenueWei)} against a cost of ${formatFee(costWei)}${dollars}.`;
}
