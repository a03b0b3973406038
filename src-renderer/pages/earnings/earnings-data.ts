// The earnings summary shaped for the Earnings page: one row per market (its revenue in each currency it pays in,
// with dollar estimates at the user's rates), the totals, the amounts no rate is known for (listed, never
// dropped), and the chart's columns of revenue and cost in dollars per time bucket.
import type uPlot from 'uplot';
import type { CurrencyInfo, EarningsSummary } from '../../../src-main/core/api/earnings-schemas.js';
import { formatUnits, formatUsd, usdEstimate } from '../../amounts.js';

/** An amount in one currency, exact. */
export interface Amount {
  currency: string;
  minor: bigint;
}

export interface MarketEarnings {
  key: string;
  name: string;
  kind: string | null;
  proofs: number;
  /** Revenue in each currency it paid in, exact. */
  revenue: Amount[];
  /** Dollar estimates over the currencies with a known rate. */
  revenueUsd: number;
  costUsd: number;
  /** Amounts left out of the dollar figures for want of a rate. */
  unrated: { revenue: Amount[]; cost: Amount[] };
}

export interface EarningsTotals {
  revenue: Amount[];
  revenueUsd: number;
  costUsd: number;
  unrated: { revenue: Amount[]; cost: Amount[] };
}

/** An amount with its currency's decimals: "0.0123 PROVE"; US dollars (in millionths) as dollars: "$1.25", "$0.000012". */
export function formatAmount(amount: Amount, currencies: readonly CurrencyInfo[]): string {
  const decimals = currencies.find((c) => c.currency === amount.currency)?.decimals ?? 0;
  if (amount.currency === 'USD') return formatUsd(Number(amount.minor) / 10 ** decimals);
  return `${formatUnits(amount.minor, decimals)} ${amount.currency}`;
}

/** The amount in dollars at the user's rate, or null when no rate is known for its currency. */
export function toUsd(amount: Amount, currencies: readonly CurrencyInfo[]): number | null {
  const info = currencies.find((c) => c.currency === amount.currency);
  if (info === undefined || info.usdMicrosPerUnit === null) return null;
  return usdEstimate(amount.minor, info.decimals, info.usdMicrosPerUnit);
}

/** Adds an amount to a list holding at most one amount per currency. */
function addTo(list: Amount[], amount: Amount): void {
  if (amount.minor === 0n) return;
  const existing = list.find((a) => a.currency === amount.currency);
  if (existing) existing.minor += amount.minor;
  else list.push({ ...amount });
}

const byCurrency = (a: Amount, b: Amount) => a.currency.localeCompare(b.currency);

/** The summary's rows (one per market and currency) merged into one row per market, best earner first. */
export function marketEarnings(summary: EarningsSummary): MarketEarnings[] {
  const rows = new Map<string, MarketEarnings>();
  for (const m of summary.markets) {
    const key = m.coordinatorId ?? `name:${m.name}`;
    const row = rows.get(key) ?? { key, name: m.name, kind: m.kind, proofs: 0, revenue: [], revenueUsd: 0, costUsd: 0, unrated: { revenue: [], cost: [] } };
    // Each currency's row counts the same proofs (a reward and a cost per proof): the most is the count.
    row.proofs = Math.max(row.proofs, m.proofs);
    const revenue = { currency: m.currency, minor: BigInt(m.revenueMinor) };
    const cost = { currency: m.currency, minor: BigInt(m.costMinor) };
    addTo(row.revenue, revenue);
    const revenueUsd = toUsd(revenue, summary.currencies);
    const costUsd = toUsd(cost, summary.currencies);
    if (revenueUsd === null) addTo(row.unrated.revenue, revenue);
    else row.revenueUsd += revenueUsd;
    if (costUsd === null) addTo(row.unrated.cost, cost);
    else row.costUsd += costUsd;
    rows.set(key, row);
  }
  for (const row of rows.values()) row.revenue.sort(byCurrency);
  return [...rows.values()].sort((a, b) => b.revenueUsd - b.costUsd - (a.revenueUsd - a.costUsd) || a.name.localeCompare(b.name));
}

export function earningsTotals(markets: readonly MarketEarnings[]): EarningsTotals {
  const totals: EarningsTotals = { revenue: [], revenueUsd: 0, costUsd: 0, unrated: { revenue: [], cost: [] } };
  for (const market of markets) {
    for (const amount of market.revenue) addTo(totals.revenue, amount);
    for (const amount of market.unrated.revenue) addTo(totals.unrated.revenue, amount);
    for (const amount of market.unrated.cost) addTo(totals.unrated.cost, amount);
    totals.revenueUsd += market.revenueUsd;
    totals.costUsd += market.costUsd;
  }
  totals.revenue.sort(byCurrency);
  return totals;
}

/** Beyond this a margin in percent of revenue says nothing the dollar figure does not. */
const MARGIN_PERCENT_SHOWN = 1_000;

/** Margin as a share of revenue (25 for 25 %), or null without revenue or when it is far below −1000 %. */
export function marginPercent(revenueUsd: number, costUsd: number): number | null {
  if (revenueUsd <= 0) return null;
  const percent = ((revenueUsd - costUsd) / revenueUsd) * 100;
  return Math.abs(percent) > MARGIN_PERCENT_SHOWN ? null : percent;
}

/** "−$0.01 (−25.0 %)": the margin in dollars, and in percent of revenue where that means something. */
export function marginText(revenueUsd: number, costUsd: number): string {
  const percent = marginPercent(revenueUsd, costUsd);
  return `${formatUsd(revenueUsd - costUsd)}${percent === null ? '' : ` (${percent < 0 ? '−' : ''}${Math.abs(percent).toFixed(1)} %)`}`;
}

/** Labels for the chart's dollar axis, with as many decimals as the step between ticks needs ($0.002, $0.004…). */
export function usdTickLabels(ticks: readonly number[]): string[] {
  const step = ticks.length > 1 ? Math.abs(ticks[1]! - ticks[0]!) : 0;
  let digits = 2;
  while (digits < 12 && step > 0 && !isWholeEnough(step * 10 ** digits)) digits += 1;
  return ticks.map((tick) => `${tick < 0 ? '−' : ''}$${Math.abs(tick).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`);
}

/**
 * uPlot's columns for the chart: every bucket from `fromMs` (rounded down to a bucket) to `toMs`, in seconds,
 * with revenue and cost in dollars summed over markets and rated currencies; buckets without entries are 0.
 */
export function bucketSeries(summary: EarningsSummary, range: { fromMs: number; toMs: number; bucketMs: number }): uPlot.AlignedData {
  const first = Math.floor(range.fromMs / range.bucketMs) * range.bucketMs;
  const count = range.toMs < first ? 0 : Math.floor((range.toMs - first) / range.bucketMs) + 1;
  const times = Array.from({ length: count }, (_, i) => first + i * range.bucketMs);
  const revenue = times.map(() => 0);
  const cost = times.map(() => 0);
  for (const bucket of summary.buckets) {
    const index = (bucket.bucketStartMs - first) / range.bucketMs;
    if (!Number.isInteger(index) || index < 0 || index >= count) continue;
    revenue[index]! += toUsd({ currency: bucket.currency, minor: BigInt(bucket.revenueMinor) }, summary.currencies) ?? 0;
    cost[index]! += toUsd({ currency: bucket.currency, minor: BigInt(bucket.costMinor) }, summary.currencies) ?? 0;
  }
  return [times.map((ms) => ms / 1000), revenue, cost];
}

/** Whole, but for float noise (0.0025 × 10⁴ is 24.999999999999996). */
const isWholeEnough = (value: number): boolean => Math.abs(value - Math.round(value)) < 1e-6 * Math.max(1, value);
