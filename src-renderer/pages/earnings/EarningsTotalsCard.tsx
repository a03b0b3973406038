// The range's totals: revenue in each currency, and revenue, cost and margin in dollars at the user's rates,
// with any amount no rate is known for named beside them rather than left out silently.
import type { CurrencyInfo } from '../../../src-main/core/api/earnings-schemas.js';
import { formatUsd } from '../../amounts.js';
import { Card } from '../../components/Card.js';
import { formatAmount, marginText, type Amount, type EarningsTotals } from './earnings-data.js';

export function EarningsTotalsCard({ totals, currencies }: { totals: EarningsTotals; currencies: readonly CurrencyInfo[] }) {
  const list = (amounts: Amount[]) => amounts.map((amount) => formatAmount(amount, currencies)).join(' + ');
  return (
    <Card title="Totals" className="wide">
      <dl className="facts">
        <dt>Revenue</dt>
        <dd data-testid="total-revenue">{totals.revenue.length === 0 ? 'none' : list(totals.revenue)}</dd>
        <dt>Revenue in dollars (estimate)</dt>
        <dd data-testid="total-revenue-usd">{formatUsd(totals.revenueUsd)}</dd>
        <dt>Cost in dollars</dt>
        <dd data-testid="total-cost-usd">{formatUsd(totals.costUsd)}</dd>
        <dt>Margin (estimate, % of revenue)</dt>
        <dd data-testid="total-margin">{marginText(totals.revenueUsd, totals.costUsd)}</dd>
        {totals.unrated.revenue.length + totals.unrated.cost.length > 0 && (
          <>
            <dt>Not in the dollar figures</dt>
            <dd data-testid="unrated">
              {[totals.unrated.revenue.length > 0 ? `revenue ${list(totals.unrated.revenue)}` : '', totals.unrated.cost.length > 0 ? `cost ${list(totals.unrated.cost)}` : '']
                .filter((part) => part !== '')
                .join('; ')}{' '}
              (no dollar rate known for {[...new Set([...totals.unrated.revenue, ...totals.unrated.cost].map((a) => a.currency))].join(', ')})
            </dd>
          </>
        )}
      </dl>
      <p className="muted">{rateText(currencies)}</p>
    </Card>
  );
}

/** "Dollar figures are estimates at your rates: 1 PROVE = $0.40 (set on the Pricing page)." */
function rateText(currencies: readonly CurrencyInfo[]): string {
  const rates = currencies
    .filter((c) => c.currency !== 'USD' && c.usdMicrosPerUnit !== null)
    .map((c) => `1 ${c.currency} = ${formatUsd(c.usdMicrosPerUnit! / 1e6)}`);
  return rates.length === 0 ? 'Costs are in dollars as the cost model priced them.' : `Dollar figures are estimates at your rates: ${rates.join(', ')} (the PROVE and fee token prices are set on the Pricing page).`;
}
