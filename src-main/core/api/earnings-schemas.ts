// API shapes for the Earnings page: the ledger summed per market and currency, over time in buckets, with what
// each currency is worth in US dollars where the user has said (the PROVE rate on the Pricing page), so cost
// (US dollars, in billionths) and revenue (PROVE wei, fee-token wei) can be set side by side.
import { z } from 'zod';

const Minor = z.string().regex(/^-?\d+$/);

export const EarningsSummaryInput = z
  .object({
    sinceMs: z.number().int().nonnegative(),
    /** Bucket width for the chart. */
    bucketMs: z.number().int().min(60_000).max(31 * 86_400_000).default(86_400_000),
  })
  .strict();

export const CurrencyInfo = z.object({
  currency: z.string(),
  /** Digits after the point of one whole unit (USD: 9, in billionths; PROVE wei: 18). */
  decimals: z.number().int().nonnegative(),
  /** US dollars per whole unit, in millionths, if known. */
  usdMicrosPerUnit: z.number().int().positive().nullable(),
});
export type CurrencyInfo = z.infer<typeof CurrencyInfo>;

export const EarningsBucket = z.object({
  bucketStartMs: z.number().int(),
  coordinatorId: z.string().nullable(),
  currency: z.string(),
  /** Sum of rewards (positive amounts), in the currency's smallest unit. */
  revenueMinor: Minor,
  /** Sum of costs, fees and slashes, as a positive amount. */
  costMinor: Minor,
});

export const EarningsSummary = z.object({
  currencies: z.array(CurrencyInfo),
  buckets: z.array(EarningsBucket),
  markets: z.array(z.object({ coordinatorId: z.string().nullable(), name: z.string(), kind: z.string().nullable(), currency: z.string(), revenueMinor: Minor, costMinor: Minor, proofs: z.number().int().nonnegative() })),
});
export type EarningsSummary = z.infer<typeof EarningsSummary>;
