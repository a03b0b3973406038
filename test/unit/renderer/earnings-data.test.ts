// The Earnings page's shaping of the summary: one row per market across its currencies, dollar estimates only
// where a rate is known (the rest listed, not dropped), totals, and the chart's buckets as uPlot columns.
import { describe, expect, it } from 'vitest';
import type { EarningsSummary } from '../../../src-main/core/api/earnings-schemas.js';
import { bucketSeries, earningsTotals, formatAmount, marginPercent, marginText, marketEarnings, usdTickLabels } from '../../../src-renderer/pages/earnings/earnings-data.js';

const HOUR = 3_600_000;
const summary: EarningsSummary = {
  currencies: [
    { currency: 'FEE', decimals: 18, usdMicrosPerUnit: null },
    { currency: 'PROVE', decimals: 18, usdMicrosPerUnit: 400_000 },
    { currency: 'USD', decimals: 6, usdMicrosPerUnit: 1_000_000 },
  ],
  buckets: [
    { bucketStartMs: 10 * HOUR, coordinatorId: 'succinct', currency: 'PROVE', revenueMinor: '2500000000000000000', costMinor: '0' },
    { bucketStartMs: 10 * HOUR, coordinatorId: 'succinct', currency: 'USD', revenueMinor: '0', costMinor: '300000' },
    { bucketStartMs: 12 * HOUR, coordinatorId: 'batch', currency: 'USD', revenueMinor: '0', costMinor: '200000' },
    { bucketStartMs: 12 * HOUR, coordinatorId: 'aztec', currency: 'FEE', revenueMinor: '5000000000000000000', costMinor: '0' },
  ],
  markets: [
    { coordinatorId: 'succinct', name: 'Practice (Succinct network)', kind: 'practice succinct', currency: 'PROVE', revenueMinor: '2500000000000000000', costMinor: '0', proofs: 3 },
    { coordinatorId: 'succinct', name: 'Practice (Succinct network)', kind: 'practice succinct', currency: 'USD', revenueMinor: '0', costMinor: '300000', proofs: 3 },
    { coordinatorId: 'batch', name: 'Lab', kind: 'batch-api', currency: 'USD', revenueMinor: '0', costMinor: '200000', proofs: 2 },
    { coordinatorId: 'aztec', name: 'Aztec', kind: 'aztec', currency: 'FEE', revenueMinor: '5000000000000000000', costMinor: '0', proofs: 1 },
  ],
};

describe('marketEarnings', () => {
  it("merges a market's currencies into one row, converting what has a rate, best margin first", () => {
    const rows = marketEarnings(summary);
    expect(rows.map((row) => row.name)).toEqual(['Practice (Succinct network)', 'Aztec', 'Lab']);
    const succinct = rows[0]!;
    expect(succinct).toMatchObject({ kind: 'practice succinct', proofs: 3, revenue: [{ currency: 'PROVE', minor: 2_500_000_000_000_000_000n }] });
    expect(succinct.revenueUsd).toBeCloseTo(1, 12);
    expect(succinct.costUsd).toBeCloseTo(0.3, 12);
    expect(succinct.unrated).toEqual({ revenue: [], cost: [] });
  });

  it('keeps amounts without a dollar rate beside the row instead of dropping them', () => {
    const aztec = marketEarnings(summary).find((row) => row.name === 'Aztec')!;
    expect(aztec.revenueUsd).toBe(0);
    expect(aztec.unrated.revenue).toEqual([{ currency: 'FEE', minor: 5_000_000_000_000_000_000n }]);
    expect(formatAmount(aztec.unrated.revenue[0]!, summary.currencies)).toBe('5.0000 FEE');
  });
});

describe('earningsTotals and marginPercent', () => {
  it('sums each currency exactly and the dollar estimates over the rated ones', () => {
    const totals = earningsTotals(marketEarnings(summary));
    expect(totals.revenue).toEqual([
      { currency: 'FEE', minor: 5_000_000_000_000_000_000n },
      { currency: 'PROVE', minor: 2_500_000_000_000_000_000n },
    ]);
    expect(totals.revenueUsd).toBeCloseTo(1, 12);
    expect(totals.costUsd).toBeCloseTo(0.5, 12);
    expect(totals.unrated.revenue.map((a) => a.currency)).toEqual(['FEE']);
    expect(marginPercent(totals.revenueUsd, totals.costUsd)).toBeCloseTo(50, 9);
    expect(marginPercent(0, 0.5)).toBeNull();
  });

  it('says the margin in dollars, and in percent only while that tells something', () => {
    expect(marginText(1, 0.75)).toBe('$0.25 (25.0 %)');
    expect(marginText(1, 1.5)).toBe('−$0.50 (−50.0 %)');
    // A practice proof's reward of a fraction of a cent against a whole cent of cost: −200,000 % says nothing.
    expect(marginText(0.00000005, 0.01)).toBe('−$0.01');
    expect(marginText(0, 0.01)).toBe('−$0.01');
  });

  it('formats dollars (in millionths) to the cent, or to two significant digits under a cent, and tokens with their decimals', () => {
    expect(formatAmount({ currency: 'USD', minor: 1_250_000n }, summary.currencies)).toBe('$1.25');
    // A practice proof's cost, booked unrounded: a fraction of a cent is shown, not "$0.00".
    expect(formatAmount({ currency: 'USD', minor: 12n }, summary.currencies)).toBe('$0.000012');
    expect(formatAmount({ currency: 'USD', minor: 1_234_567_890n }, summary.currencies)).toBe('$1,234.57');
    expect(formatAmount({ currency: 'PROVE', minor: 12_300_000_000_000_000n }, summary.currencies)).toBe('0.0123 PROVE');
  });
});

describe('usdTickLabels', () => {
  it("gives the dollar axis as many decimals as its step needs, so ticks under a cent don't all read $0.01", () => {
    expect(usdTickLabels([0, 0.002, 0.004, 0.006])).toEqual(['$0.000', '$0.002', '$0.004', '$0.006']);
    expect(usdTickLabels([0, 0.0025, 0.005])).toEqual(['$0.0000', '$0.0025', '$0.0050']);
    expect(usdTickLabels([0, 500, 1000])).toEqual(['$0.00', '$500.00', '$1,000.00']);
    expect(usdTickLabels([0.1])).toEqual(['$0.10']);
  });
});

describe('bucketSeries', () => {
  it('gives every bucket of the range in seconds, with rated revenue and cost in dollars and quiet buckets at 0', () => {
    const [times, revenue, cost] = bucketSeries(summary, { fromMs: 9 * HOUR + 5, toMs: 12 * HOUR + 10, bucketMs: HOUR });
    expect(times).toEqual([9, 10, 11, 12].map((h) => (h * HOUR) / 1000));
    expect(revenue).toEqual([0, expect.closeTo(1, 12), 0, 0]);
    expect(cost).toEqual([0, expect.closeTo(0.3, 12), 0, expect.closeTo(0.2, 12)]);
  });

  it('leaves out buckets before the range, and is empty for an empty range', () => {
    const [times, revenue] = bucketSeries(summary, { fromMs: 11 * HOUR, toMs: 11 * HOUR + 1, bucketMs: HOUR });
    expect(times).toEqual([(11 * HOUR) / 1000]);
    expect(revenue).toEqual([0]);
    expect(bucketSeries(summary, { fromMs: 11 * HOUR, toMs: 10 * HOUR, bucketMs: HOUR })).toEqual([[], [], []]);
  });
});
