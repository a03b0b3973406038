// How a Succinct market's bids read: outcomes, request ids, sizes and what a won request pays, and the time left
// before a won request's deadline.
import type { MarketBidRow } from '../../../src-main/core/api/bidding-schemas.js';
import { formatDuration } from '../jobs/job-text.js';

export type BidOutcome = MarketBidRow['outcome'];

const OUTCOMES: Record<BidOutcome, string> = {
  skipped: 'skipped',
  placed: 'bid placed',
  refused: 'refused by the network',
  won: 'won',
  lost: 'lost',
};

/** "won · proving", "lost", "skipped"…: a won request says where its proof is. */
export function outcomeText(row: Pick<MarketBidRow, 'outcome' | 'job'>): string {
  return row.outcome === 'won' && row.job !== null ? `won · ${row.job.state}` : OUTCOMES[row.outcome];
}

/** A 32-byte request id made short enough for a table cell: "0x1a2b3c…9f8e". */
export function shortRequestId(requestId: string): string {
  return requestId.length > 16 ? `${requestId.slice(0, 8)}…${requestId.slice(-4)}` : requestId;
}

/** Time left before a deadline, counted down against `nowMs`. */
export function timeLeftText(deadlineMs: number, nowMs: number): string {
  return deadlineMs > nowMs ? `${formatDuration(deadlineMs - nowMs)} left` : 'deadline passed';
}
