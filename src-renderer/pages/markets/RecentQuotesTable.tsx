// An Aztec market's newest quote requests: when the node asked, the epoch with its txs and fees, what this
// machine answered (its fee and bond), whether the quote reached the node, whether the proposer claimed the epoch
// with it and what the proof paid, and why an epoch was declined or a request refused.
import type { AztecQuoteRow } from '../../../src-main/core/api/aztec-schemas.js';
import { formatFee } from '../../amounts.js';
import { basisPointsText, quoteOutcomeText, submittedText } from './quote-text.js';

const fee = (wei: string | null) => (wei === null ? '–' : formatFee(wei));
const time = (ms: number | null) => (ms === null ? '–' : new Date(ms).toLocaleTimeString());

export function RecentQuotesTable({ quotes }: { quotes: AztecQuoteRow[] }) {
  if (quotes.length === 0) return <p className="muted">The node has not asked for a quote yet: it asks at the end of each epoch.</p>;
  return (
    <div className="table-scroll">
      <table className="data-table nowrap" aria-label="Recent epochs">
        <thead>
          <tr>
            <th scope="col">Asked</th>
            <th scope="col" className="number">
              Epoch
            </th>
            <th scope="col" className="number">
              Txs
            </th>
            <th scope="col" className="number">
              Total fees
            </th>
            <th scope="col">Outcome</th>
            <th scope="col" className="number" title="Our share of the epoch's fees and rewards, in basis points (100 bp = 1 %)">
              Our fee
            </th>
            <th scope="col" className="number">
              Bond
            </th>
            <th scope="col">Submitted</th>
            <th scope="col">Claimed</th>
            <th scope="col" className="number">
              Payout
            </th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {quotes.map((quote, index) => (
            <tr key={`${quote.coordinatorId}-${quote.epoch ?? `refused-${quote.atMs}-${index}`}`} data-testid="quote-row">
              <td title={new Date(quote.atMs).toLocaleString()}>{time(quote.atMs)}</td>
              <td className="number">{quote.epoch ?? '–'}</td>
              <td className="number">{quote.txCount ?? '–'}</td>
              <td className="number">{fee(quote.totalFeesWei)}</td>
              <td>
                <span className={`state state-${quote.outcome}`}>{quoteOutcomeText(quote)}</span>
              </td>
              <td className="number">{quote.basisPointFee === null ? '–' : basisPointsText(quote.basisPointFee)}</td>
              <td className="number">{fee(quote.bondWei)}</td>
              <td data-testid="quote-submitted">{submittedText(quote.submitted)}</td>
              <td data-testid="quote-claimed">{time(quote.claimedAtMs)}</td>
              <td className="number" data-testid="quote-payout">
                {quote.payoutWei === null ? (quote.claimedAtMs === null ? '–' : 'due when proven') : formatFee(quote.payoutWei)}
              </td>
              <td className="error-cell">{quote.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
