// What each market paid over the range: proofs, revenue in its own currency, and revenue, cost and margin in
// dollars (estimates at the user's rates), with the totals at the foot.
import type { CurrencyInfo } from '../../../src-main/core/api/earnings-schemas.js';
import { formatUsd } from '../../amounts.js';
import { Card } from '../../components/Card.js';
import { ledgerKindLabel } from '../markets/coordinator-text.js';
import { earningsTotals, formatAmount, marginText, type MarketEarnings } from './earnings-data.js';

export function MarketEarningsTable({ markets, currencies }: { markets: MarketEarnings[]; currencies: readonly CurrencyInfo[] }) {
  const totals = earningsTotals(markets);
  const revenueText = (market: Pick<MarketEarnings, 'revenue'>) => (market.revenue.length === 0 ? '–' : market.revenue.map((amount) => formatAmount(amount, currencies)).join(' + '));
  return (
    <Card title="By market" className="wide">
      <div className="table-scroll">
        <table className="data-table nowrap" aria-label="Earnings by market">
          <thead>
            <tr>
              <th scope="col">Market</th>
              <th scope="col">Kind</th>
              <th scope="col" className="number">
                Proofs
              </th>
              <th scope="col" className="number">
                Revenue
              </th>
              <th scope="col" className="number" title="At your rates">
                Revenue in $ (estimate)
              </th>
              <th scope="col" className="number">
                Cost in $
              </th>
              <th scope="col" className="number" title="Revenue less cost in dollars, and as a share of revenue">
                Margin
              </th>
            </tr>
          </thead>
          <tbody>
            {markets.map((market) => (
              <tr key={market.key}>
                <th scope="row">{market.name}</th>
                <td>{market.kind === null ? '–' : ledgerKindLabel(market.kind)}</td>
                <td className="number">{market.proofs}</td>
                <td className="number" data-testid="market-revenue">
                  {revenueText(market)}
                </td>
                <td className="number">{formatUsd(market.revenueUsd)}</td>
                <td className="number" data-testid="market-cost">
                  {formatUsd(market.costUsd)}
                  {market.unrated.cost.length === 0 ? '' : ` + ${market.unrated.cost.map((amount) => formatAmount(amount, currencies)).join(' + ')}`}
                </td>
                <td className="number">{marginText(market.revenueUsd, market.costUsd)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                Total
              </th>
              <td className="number">{markets.reduce((sum, m) => sum + m.proofs, 0)}</td>
              <td className="number">{revenueText(totals)}</td>
              <td className="number">{formatUsd(totals.revenueUsd)}</td>
              <td className="number">{formatUsd(totals.costUsd)}</td>
              <td className="number">{marginText(totals.revenueUsd, totals.costUsd)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </Card>
  );
}
