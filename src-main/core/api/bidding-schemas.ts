// API shapes for bidding on the Succinct network: the bid settings with example prices (break-even and bid for a
// few request sizes at this machine's measured speed), a what-if preview of recent requests under settings not
// saved yet, and the bids ledger (auctions won and lost, requests skipped and why, deadlines outstanding).
// Wei amounts travel as decimal strings (they exceed JavaScript's safe integers).
import { z } from 'zod';
import { SuccinctBidSettingsSchema } from './pricing-schemas.js';

const Wei = z.string().regex(/^\d+$/);
const Count = z.number().int().nonnegative();

export const SuccinctPricingView = z.object({
  settings: SuccinctBidSettingsSchema,
  defaults: SuccinctBidSettingsSchema,
  /** What a practice request of each size costs here and what this machine bids for it, per PGU. */
  examples: z.array(z.object({ gasLimit: Wei, provingMs: z.number(), breakEvenWeiPerPgu: Wei, bidWeiPerPgu: Wei })),
  /** False while the machine's speed is a conservative guess (not measured yet). */
  calibrated: z.boolean(),
});
export type SuccinctPricingView = z.infer<typeof SuccinctPricingView>;

export const SuccinctPricingSetInput = z.object({ settings: SuccinctBidSettingsSchema }).strict();

export const SuccinctPreviewInput = z
  .object({ settings: SuccinctBidSettingsSchema, limit: z.number().int().min(1).max(200).default(30) })
  .strict();

export const BidOutcome = z.enum(['skipped', 'placed', 'refused', 'won', 'lost']);

export const PreviewedRequest = z.object({
  coordinatorId: z.string(),
  requestId: z.string(),
  program: z.string().nullable(),
  atMs: z.number().int(),
  gasLimit: Wei,
  deadlineMs: z.number().int(),
  maxPriceWeiPerPgu: Wei.nullable(),
  /** What happened to it at the time. */
  outcome: BidOutcome,
  recordedAmountWeiPerPgu: Wei.nullable(),
  /** Under the previewed settings. */
  amountWeiPerPgu: Wei,
  breakEvenWeiPerPgu: Wei,
  /** Whether the previewed price is within the request's max price. */
  withinMaxPrice: z.boolean(),
});
export type PreviewedRequest = z.infer<typeof PreviewedRequest>;

export const SuccinctPreview = z.object({
  requests: z.array(PreviewedRequest),
  /** Of the requests shown, how many the previewed price would have been allowed to bid on, and the earnings if all were won. */
  withinMaxPrice: Count,
  revenueIfWonWei: Wei,
});
export type SuccinctPreview = z.infer<typeof SuccinctPreview>;

export const MarketBidsInput = z
  .object({ coordinatorId: z.string().min(1).max(100).optional(), limit: z.number().int().min(1).max(500).default(50) })
  .strict();

export const MarketBidRow = z.object({
  coordinatorId: z.string(),
  coordinatorName: z.string(),
  requestId: z.string(),
  program: z.string().nullable(),
  atMs: z.number().int(),
  updatedAtMs: z.number().int(),
  gasLimit: Wei,
  deadlineMs: z.number().int(),
  maxPriceWeiPerPgu: Wei.nullable(),
  amountWeiPerPgu: Wei.nullable(),
  outcome: BidOutcome,
  reason: z.string().nullable(),
  /** For a won request: the job proving it here and its state. */
  job: z.object({ id: z.string(), state: z.string() }).nullable(),
});
export type MarketBidRow = z.infer<typeof MarketBidRow>;

export const MarketBids = z.object({
  bids: z.array(MarketBidRow),
  /** Over all rows of the coordinator(s), not only those listed. */
  counts: z.object({ skipped: Count, placed: Count, refused: Count, won: Count, lost: Count }),
  /** Won requests not yet delivered: their deadlines, soonest first (what is at stake now). */
  outstanding: z.array(z.object({ coordinatorId: z.string(), requestId: z.string(), deadlineMs: z.number().int(), gasLimit: Wei, amountWeiPerPgu: Wei.nullable() })),
});
export type MarketBids = z.infer<typeof MarketBids>;
