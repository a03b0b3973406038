// Recent Succinct requests priced under the bid settings in the form, saved or not: what was bid then and what
// happened, what would be bid now and whether that is within the request's max price, and what the requests
// within it would have paid if all were won.
import type { SuccinctPreview } from '../../../src-main/core/api/bidding-schemas.js';
import { formatPgus, formatProvePerBpgu, formatUnits, formatUsd, usdEstimate } from '../../amounts.js';
import { outcomeText } from '../markets/bid-text.js';

const time = (ms: number) => new Date(ms).toLocaleString();
const price = (weiPerPgu: string | null) => (weiPerPgu === null ? '–' : formatProvePerBpgu(weiPerPgu));
const WEI_PER_PGU_TIP = 'PROVE per billion PGU: wei per PGU ÷ 10⁹';

interface WhatIfProps {
  whatIf: SuccinctPreview | null;
  /** The form has errors: the table shows the last valid settings. */
  stale: boolean;
  /** The PROVE price in the form, for the dollar estimate. */
  proveUsdMicros: number | null;
}

export function SuccinctWhatIfTable({ whatIf, stale, proveUsdMicros }: WhatIfProps) {
  return (
    <>
      <h3>What if: recent requests under these settings</h3>
      {whatIf === null ? (
        <p className="muted">{stale ? 'Fix the fields above to see the what-if.' : 'Loading…'}</p>
      ) : whatIf.requests.length === 0 ? (
        <p className="muted">No Succinct requests seen yet. Once a Succinct market is on (the practice one is in Markets), this shows what its requests would have been bid.</p>
      ) : (
        <>
          <p className="muted">
            {stale ? 'Fix the fields above to update the what-if. ' : ''}What this machine bid for each request at the time and what became of it, then what it would bid
            with the settings above (saved or not) and whether that is within the request&apos;s max price. Prices in PROVE per billion PGU.
          </p>
          <div className="table-scroll">
            <table className="data-table nowrap" aria-label="What-if on recent requests">
              <thead>
                <tr>
                  <th scope="col">Seen</th>
                  <th scope="col">Program</th>
                  <th scope="col" className="number">
                    Size (PGU)
                  </th>
                  <th scope="col" className="number" title={WEI_PER_PGU_TIP}>
                    Max price
                  </th>
                  <th scope="col" className="number" title={WEI_PER_PGU_TIP}>
                    Bid at the time
                  </th>
                  <th scope="col">Outcome</th>
                  <th scope="col" className="number" title={WEI_PER_PGU_TIP}>
                    Bid with these settings
                  </th>
                  <th scope="col">Within max</th>
                </tr>
              </thead>
              <tbody>
                {whatIf.requests.map((request) => (
                  <tr key={`${request.coordinatorId}-${request.requestId}`}>
                    <td title={request.requestId}>{time(request.atMs)}</td>
                    <td>{request.program ?? '–'}</td>
                    <td className="number">{formatPgus(request.gasLimit)}</td>
                    <td className="number">{price(request.maxPriceWeiPerPgu)}</td>
                    <td className="number">{price(request.recordedAmountWeiPerPgu)}</td>
                    <td>{outcomeText({ outcome: request.outcome, job: null })}</td>
                    <td className="number" data-testid="what-if-bid" title={`break-even ${price(request.breakEvenWeiPerPgu)}; ${request.amountWeiPerPgu} wei per PGU`}>
                      {price(request.amountWeiPerPgu)}
                    </td>
                    <td>{request.withinMaxPrice ? 'yes' : 'no: above its max'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p data-testid="what-if-total">{totalText(whatIf, proveUsdMicros)}</p>
        </>
      )}
    </>
  );
}

/** "12 of 30 requests within their max price; won, they would have paid 0.0123 PROVE (≈ $0.0049 at your PROVE price)." */
function totalText(whatIf: SuccinctPreview, proveUsdMicros: number | null): string {
  const revenueWei = BigInt(whatIf.revenueIfWonWei);
  const usd = proveUsdMicros === null ? '' : ` (≈ ${formatUsd(usdEstimate(revenueWei, 18, proveUsdMicros))} at your PROVE price)`;
  return `${whatIf.withinMaxPrice} of ${whatIf.requests.length} requests within their max price; won, they would have paid ${formatUnits(revenueWei, 18)} PROVE${usd}.`;
}
