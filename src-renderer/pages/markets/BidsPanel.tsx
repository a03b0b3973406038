// A Succinct market's bids on its card: counts by outcome, the won requests still due (with their deadlines
// counting down), and the recent requests with what was decided and why. Reloaded on job and coordinator events
// and every few seconds while the window is shown (auctions settle without an event).
import type { MarketBids } from '../../../src-main/core/api/bidding-schemas.js';
import { useBidsStore } from '../../stores/bids.js';
import { DueRequests } from './DueRequests.js';
import { LedgerCounts } from './LedgerCounts.js';
import { LedgerPanel } from './LedgerPanel.js';
import { RecentBidsTable } from './RecentBidsTable.js';

export function BidsPanel({ coordinatorId }: { coordinatorId: string }) {
  return (
    <LedgerPanel title="Bids" pricingLink="Bid settings and what-if" store={useBidsStore} coordinatorId={coordinatorId}>
      {(bids) => (
        <>
          <LedgerCounts items={bidCounts(bids.counts)} prefix="bids" />
          <DueRequests outstanding={bids.outstanding} />
          <RecentBidsTable bids={bids.bids} />
        </>
      )}
    </LedgerPanel>
  );
}

/** A market's requests by what became of them, over its whole history. */
function bidCounts(counts: MarketBids['counts']) {
  return [
    { id: 'placed', label: 'Bids placed', value: counts.placed + counts.won + counts.lost },
    { id: 'won', label: 'Won', value: counts.won },
    { id: 'lost', label: 'Lost', value: counts.lost },
    { id: 'open', label: 'Auction open', value: counts.placed },
    { id: 'refused', label: 'Refused by the network', value: counts.refused },
    { id: 'skipped', label: 'Skipped', value: counts.skipped },
  ];
}
