// Won requests whose proof is still due, soonest deadline first, each counting down: what is at stake now (a
// request not fulfilled in time pays nothing).
import type { MarketBids } from '../../../src-main/core/api/bidding-schemas.js';
import { formatPgus, formatProveForGas } from '../../amounts.js';
import { useNow } from '../../use-now.js';
import { shortRequestId, timeLeftText } from './bid-text.js';

export function DueRequests({ outstanding }: { outstanding: MarketBids['outstanding'] }) {
  const now = useNow(outstanding.length > 0);
  if (outstanding.length === 0) return <p className="muted">No won request is waiting for its proof.</p>;
  return (
    <>
      <p>Won and still due: each pays only if its proof is delivered before its deadline.</p>
      <ul className="due-requests" aria-label="Won requests still due">
        {outstanding.map((due) => (
          <li key={`${due.coordinatorId}-${due.requestId}`}>
            <span className="path" title={due.requestId}>
              {shortRequestId(due.requestId)}
            </span>{' '}
            · {formatPgus(due.gasLimit)} PGU{due.amountWeiPerPgu === null ? '' : ` · pays up to ${formatProveForGas(due.amountWeiPerPgu, due.gasLimit)}`} ·{' '}
            <strong title={`deadline ${new Date(due.deadlineMs).toLocaleString()}`} data-testid="due-countdown">
              {timeLeftText(due.deadlineMs, now)}
            </strong>
          </li>
        ))}
      </ul>
    </>
  );
}
