// A market's newest requests: when each came, its program and size, the most it paid and what this machine bid,
// and what was decided and why (a deadline too close, a price above its max, won by another prover…).
import type { MarketBidRow } from '../../../src-main/core/api/bidding-schemas.js';
import { formatPgus, formatProvePerBpgu } from '../../amounts.js';
import { outcomeText } from './bid-text.js';

const WEI_PER_PGU_TIP = 'PROVE per billion PGU: wei per PGU ÷ 10⁹';
const price = (weiPerPgu: string | null) => (weiPerPgu === null ? '–' : formatProvePerBpgu(weiPerPgu));
const priceTip = (weiPerPgu: string | null) => (weiPerPgu === null ? undefined : `${weiPerPgu} wei per PGU`);

export function RecentBidsTable({ bids }: { bids: MarketBidRow[] }) {
  if (bids.length === 0) return <p className="muted">No requests seen yet.</p>;
  return (
    <div className="table-scroll">
      <table className="data-table nowrap" aria-label="Recent requests">
        <thead>
          <tr>
            <th scope="col">Seen</th>
            <th scope="col">Program</th>
            <th scope="col" className="number">
              Size (PGU)
            </th>
            <th scope="col" className="number" title={WEI_PER_PGU_TIP}>
              Max price (PROVE/bPGU)
            </th>
            <th scope="col" className="number" title={WEI_PER_PGU_TIP}>
              Our bid (PROVE/bPGU)
            </th>
            <th scope="col">Outcome</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {bids.map((bid) => (
            <tr key={bid.requestId}>
              <td title={bid.requestId}>{new Date(bid.atMs).toLocaleTimeString()}</td>
              <td>{bid.program ?? '–'}</td>
              <td className="number">{formatPgus(bid.gasLimit)}</td>
              <td className="number" title={priceTip(bid.maxPriceWeiPerPgu)}>
                {price(bid.maxPriceWeiPerPgu)}
              </td>
              <td className="number" title={priceTip(bid.amountWeiPerPgu)}>
                {price(bid.amountWeiPerPgu)}
              </td>
              <td>
                <span className={`state state-${bid.job?.state ?? bid.outcome}`}>{outcomeText(bid)}</span>
              </td>
              <td className="error-cell">{bid.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
