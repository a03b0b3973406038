// What the markets paid against what proving cost, over a range the user picks: totals, a chart over time and a
// row per market. Reloaded (throttled) as jobs change while the page is open and the window shown.
import { useEffect, useMemo } from 'react';
import { useBridge } from '../bridge/context.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { pageHref } from '../routing.js';
import { useEarningsStore, type LoadedSummary } from '../stores/earnings.js';
import { EarningsChart } from './earnings/EarningsChart.js';
import { bucketSeries, earningsTotals, marketEarnings } from './earnings/earnings-data.js';
import { EarningsTotalsCard } from './earnings/EarningsTotalsCard.js';
import { MarketEarningsTable } from './earnings/MarketEarningsTable.js';
import { RangePicker } from './earnings/RangePicker.js';

export function EarningsPage() {
  const bridge = useBridge();
  const { rangeId, loaded, error, setRange, load, watch } = useEarningsStore();

  useEffect(() => {
    const unwatch = watch();
    void load(bridge);
    return unwatch;
  }, [bridge, load, watch]);

  return (
    <div className="page">
      <h1>Earnings</h1>
      <RangePicker value={rangeId} onChange={(range) => void setRange(bridge, range)} />
      {error !== null && <ErrorNotice message={error} onRetry={() => void load(bridge)} />}
      {loaded === null ? error === null && <p className="muted">Loading…</p> : <EarningsContent loaded={loaded} />}
    </div>
  );
}

function EarningsContent({ loaded }: { loaded: LoadedSummary }) {
  const { summary, range, sinceMs, loadedAtMs } = loaded;
  const markets = useMemo(() => marketEarnings(summary), [summary]);
  const chart = useMemo(() => {
    // "All" starts at the first entry; the other ranges show their whole span, quiet stretches as zero.
    const fromMs = range.ms === null ? (summary.buckets[0]?.bucketStartMs ?? loadedAtMs) : sinceMs;
    return bucketSeries(summary, { fromMs, toMs: loadedAtMs, bucketMs: range.bucketMs });
  }, [summary, range, sinceMs, loadedAtMs]);

  if (markets.length === 0) return <EarningsEmpty all={range.ms === null} />;
  return (
    <>
      <EarningsTotalsCard totals={earningsTotals(markets)} currencies={summary.currencies} />
      <EarningsChart data={chart} bucketLabel={range.bucketMs === 3_600_000 ? 'hour' : 'day'} />
      <MarketEarningsTable markets={markets} currencies={summary.currencies} />
    </>
  );
}

function EarningsEmpty({ all }: { all: boolean }) {
  return (
    <div className="empty-state" role="note">
      <p>{all ? 'Nothing earned yet.' : 'Nothing earned in this range.'}</p>
      <p className="muted">
        To start earning, turn on a practice market in <a href={pageHref('markets')}>Markets</a> (the Succinct network one bids for PROVE, the Aztec one quotes for FEE): they are built in and need
        no account, so you can watch proofs being paid for before you connect a real market. What proving costs you is set on the <a href={pageHref('pricing')}>Pricing</a>{' '}
        page.
      </p>
    </div>
  );
}
