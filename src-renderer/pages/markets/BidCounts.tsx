// A market's requests by what became of them, over its whole history.
import type { MarketBids } from '../../../src-main/core/api/bidding-schemas.js';

export function BidCounts({ counts }: { counts: MarketBids['counts'] }) {
  const items = [
    { id: 'placed', label: 'Bids placed', value: counts.placed + counts.won + counts.lost },
    { id: 'won', label: 'Won', value: counts.won },
    { id: 'lost', label: 'Lost', value: counts.lost },
    { id: 'open', label: 'Auction open', value: counts.placed },
    { id: 'refused', label: 'Refused by the network', value: counts.refused },
    { id: 'skipped', label: 'Skipped', value: counts.skipped },
  ];
  return (
    <dl className="bid-counts">
      {items.map((item) => (
        <div key={item.id}>
          <dt>{item.label}</dt>
          <dd data-testid={`bids-${item.id}`}>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
