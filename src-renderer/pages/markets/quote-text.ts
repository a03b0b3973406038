// How an Aztec market's quotes read: fees in basis points with their percent (250 bp = 2.50 %), what became of each
// quote request, and whether the quote went to the node.
import type { AztecQuoteRow } from '../../../src-main/core/api/aztec-schemas.js';

type QuoteOutcome = AztecQuoteRow['outcome'];

/** 250 → "2.50 %": a basis point is a hundredth of a percent. */
export const basisPointsPercent = (basisPoints: number): string => `${(basisPoints / 100).toFixed(2)} %`;

/** 250 → "250 bp (2.50 %)". */
export const basisPointsText = (basisPoints: number): string => `${basisPoints.toLocaleString('en-US')} bp (${basisPointsPercent(basisPoints)})`;

const OUTCOMES: Record<QuoteOutcome, string> = {
  quoted: 'quoted',
  declined: 'declined',
  refused: 'request refused',
  failed: 'failed',
};

/** "quoted", "declined"…; a quoted epoch says how far it went: claimed by the proposer with it, then paid, or lost to another quote. */
export function quoteOutcomeText(row: Pick<AztecQuoteRow, 'outcome' | 'claimedAtMs' | 'paidAtMs' | 'won'>): string {
  if (row.outcome !== 'quoted') return OUTCOMES[row.outcome];
  if (row.paidAtMs !== null) return 'quoted · paid';
  if (row.claimedAtMs !== null) return 'quoted · claimed';
  return row.won === false ? 'quoted · lost' : 'quoted';
}

/** Whether the signed quote reached the node: "sent", left to the prover node, or the node's refusal. */
export function submittedText(submitted: string | null): string {
  if (submitted === null) return '–';
  if (submitted === 'sent') return 'sent';
  if (submitted === 'not-configured') return 'left to the prover node';
  return `not sent: ${submitted}`;
}
