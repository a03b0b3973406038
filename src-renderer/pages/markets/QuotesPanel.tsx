// An Aztec market's quotes on its card: counts by outcome with the bonds now at risk (staked on claimed epochs not
// yet paid: a proof missed would lose them), and the recent epochs with what was answered and what came of it.
// Reloaded on coordinator events and every few seconds while the window is shown (the node asks without an event).
import type { MarketQuotes } from '../../../src-main/core/api/aztec-schemas.js';
import { formatFee } from '../../amounts.js';
import { useQuotesStore } from '../../stores/quotes.js';
import { LedgerCounts } from './LedgerCounts.js';
import { LedgerPanel } from './LedgerPanel.js';
import { RecentQuotesTable } from './RecentQuotesTable.js';

export function QuotesPanel({ coordinatorId }: { coordinatorId: string }) {
  return (
    <LedgerPanel title="Quotes" pricingLink="Quote settings and what-if" store={useQuotesStore} coordinatorId={coordinatorId}>
      {(quotes) => (
        <>
          <LedgerCounts items={quoteCounts(quotes)} prefix="quotes" />
          <RecentQuotesTable quotes={quotes.quotes} />
        </>
      )}
    </LedgerPanel>
  );
}

/** The market's quote requests by what became of them, over its whole history, and the bonds at risk now. */
function quoteCounts({ counts, bondsAtRiskWei }: MarketQuotes) {
  return [
    { id: 'quoted', label: 'Quoted', value: counts.quoted },
    { id: 'declined', label: 'Declined', value: counts.declined },
    { id: 'refused', label: 'Requests refused', value: counts.refused },
    ...(counts.failed > 0 ? [{ id: 'failed', label: 'Failed', value: counts.failed }] : []),
    { id: 'claimed', label: 'Claimed', value: counts.claimed },
    { id: 'lost', label: 'Lost', value: counts.lost },
    { id: 'paid', label: 'Paid', value: counts.paid },
    { id: 'bonds-at-risk', label: 'Bonds at risk', value: formatFee(bondsAtRiskWei) },
  ];
}
