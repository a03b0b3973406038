// The API's bids ledger (Markets page): what the app decided about each open request of a bidding market, the
// counts by outcome, and the won requests still due with their deadlines.
import type { ApiHandlers } from '../api/dispatcher.js';
import type { MarketBidRow } from '../api/bidding-schemas.js';
import { BID_OUTCOMES } from '../store/repos/market-bids-repo.js';
import type { Store } from '../store/store.js';

type Queries = Pick<ApiHandlers['queries'], 'markets.bids'>;

const DELIVERED = new Set(['accepted', 'rejected', 'failed', 'expired', 'cancelled']);

export function marketBidHandlers({ store }: { store: Store }): { queries: Queries } {
  return {
    queries: {
      'markets.bids': ({ coordinatorId, limit }) => {
        const names = new Map(store.coordinators.list().map((c) => [c.id, c.name]));
        const jobFor = (coordinator: string, requestId: string) => {
          const job = store.jobs.findByExternal(coordinator, requestId);
          return job ? { id: job.id, state: job.state } : null;
        };
        const bids: MarketBidRow[] = store.marketBids.recent(limit, coordinatorId).map((row) => ({
          coordinatorId: row.coordinatorId,
          coordinatorName: names.get(row.coordinatorId) ?? row.coordinatorId,
          requestId: row.requestId,
          program: row.program,
          atMs: row.atMs,
          updatedAtMs: row.updatedAtMs,
          gasLimit: row.gasLimit.toString(),
          deadlineMs: row.deadlineMs,
          maxPriceWeiPerPgu: row.maxPriceWeiPerPgu?.toString() ?? null,
          amountWeiPerPgu: row.amountWeiPerPgu?.toString() ?? null,
          outcome: row.outcome,
          reason: row.reason,
          job: row.outcome === 'won' ? jobFor(row.coordinatorId, row.requestId) : null,
        }));
        const counts = Object.fromEntries(BID_OUTCOMES.map((outcome) => [outcome, store.marketBids.count(outcome, coordinatorId)])) as Record<(typeof BID_OUTCOMES)[number], number>;
        const now = Date.now();
        const outstanding = store.marketBids
          .listWon(coordinatorId)
          .filter((row) => row.deadlineMs > now && !DELIVERED.has(store.jobs.findByExternal(row.coordinatorId, row.requestId)?.state ?? ''))
          .sort((a, b) => a.deadlineMs - b.deadlineMs)
          .map((row) => ({ coordinatorId: row.coordinatorId, requestId: row.requestId, deadlineMs: row.deadlineMs, gasLimit: row.gasLimit.toString(), amountWeiPerPgu: row.amountWeiPerPgu?.toString() ?? null }));
        return { bids, counts, outstanding };
      },
    },
  };
}
