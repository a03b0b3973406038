// The API's earnings summary (Earnings page): the ledger since a time, summed per chart bucket, market and
// currency, with each currency's decimals and dollar value where the user has given one, so the page can chart
// cost (US dollars) against revenue (PROVE wei and others) over time and per market.
import type { ApiHandlers } from '../api/dispatcher.js';
import type { CurrencyInfo } from '../api/earnings-schemas.js';
import type { Earning } from '../store/repos/earnings-repo.js';
import type { Store } from '../store/store.js';
import { NANO_USD, NANO_USD_PER_CENT } from './cost-model.js';
import { loadSuccinctBidSettings } from './succinct-bid-settings.js';

type Queries = Pick<ApiHandlers['queries'], 'earnings.summary'>;

/** Currencies the markets pay in, beyond those the user prices (tokens of 18 decimals otherwise). US dollars are reported in billionths. */
const KNOWN_DECIMALS: Record<string, number> = { USD: 9, PROVE: 18, FEE: 18 };

/** The ledger books US dollars in cents (older lines) and in billionths (proof costs since pricing v2): both are reported as USD billionths. */
function normalised(entry: Earning): Earning {
  if (entry.currency === 'USD') return { ...entry, amountMinor: entry.amountMinor * BigInt(NANO_USD_PER_CENT) };
  if (entry.currency === NANO_USD) return { ...entry, currency: 'USD' };
  return entry;
}

export interface EarningsParts {
  store: Store;
  /** Extra dollar rates the user has entered (currency → US dollar millionths per whole unit). */
  usdRates?: () => Record<string, number>;
}

export function earningsHandlers({ store, usdRates }: EarningsParts): { queries: Queries } {
  return {
    queries: {
      'earnings.summary': ({ sinceMs, bucketMs }) => {
        const entries = store.earnings.list({ sinceMs, untilMs: Number.MAX_SAFE_INTEGER }).map(normalised);
        const buckets = new Map<string, { bucketStartMs: number; coordinatorId: string | null; currency: string; revenue: bigint; cost: bigint }>();
        const markets = new Map<string, { coordinatorId: string | null; currency: string; revenue: bigint; cost: bigint; jobs: Set<string> }>();
        for (const entry of entries) {
          const bucketStartMs = Math.floor(entry.atMs / bucketMs) * bucketMs;
          const revenue = entry.amountMinor > 0n ? entry.amountMinor : 0n;
          const cost = entry.amountMinor < 0n ? -entry.amountMinor : 0n;
          const bucketKey = `${bucketStartMs}|${entry.coordinatorId ?? ''}|${entry.currency}`;
          const bucket = buckets.get(bucketKey) ?? { bucketStartMs, coordinatorId: entry.coordinatorId, currency: entry.currency, revenue: 0n, cost: 0n };
          bucket.revenue += revenue;
          bucket.cost += cost;
          buckets.set(bucketKey, bucket);
          const marketKey = `${entry.coordinatorId ?? ''}|${entry.currency}`;
          const market = markets.get(marketKey) ?? { coordinatorId: entry.coordinatorId, currency: entry.currency, revenue: 0n, cost: 0n, jobs: new Set<string>() };
          market.revenue += revenue;
          market.cost += cost;
          if (entry.jobId) market.jobs.add(entry.jobId);
          markets.set(marketKey, market);
        }
        const coordinators = new Map(store.coordinators.list().map((c) => [c.id, c]));
        const rates: Record<string, number> = { USD: 1_000_000, PROVE: loadSuccinctBidSettings(store.settings).proveUsdMicros, ...(usdRates?.() ?? {}) };
        const currencies: CurrencyInfo[] = [...new Set(entries.map((e) => e.currency))].sort().map((currency) => ({
          currency,
          decimals: KNOWN_DECIMALS[currency] ?? 18,
          usdMicrosPerUnit: rates[currency] ?? null,
        }));
        return {
          currencies,
          buckets: [...buckets.values()]
            .sort((a, b) => a.bucketStartMs - b.bucketStartMs)
            .map((b) => ({ bucketStartMs: b.bucketStartMs, coordinatorId: b.coordinatorId, currency: b.currency, revenueMinor: b.revenue.toString(), costMinor: b.cost.toString() })),
          markets: [...markets.values()].map((m) => {
            const coordinator = m.coordinatorId === null ? undefined : coordinators.get(m.coordinatorId);
            return {
              coordinatorId: m.coordinatorId,
              name: coordinator?.name ?? (m.coordinatorId === null ? 'Other' : 'Removed coordinator'),
              kind: coordinator?.kind === 'practice' ? `practice ${String(coordinator.config.protocol)}` : (coordinator?.kind ?? null),
              currency: m.currency,
              revenueMinor: m.revenue.toString(),
              costMinor: m.cost.toString(),
              proofs: m.jobs.size,
            };
          }),
        };
      },
    },
  };
}
