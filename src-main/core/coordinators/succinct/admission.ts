// Whether to bid on an open request (succinct-network.md §4.1, §4.2, §7): only what this prover can finish
// before the deadline at its throughput, counting the work it has already committed to (won and pending bids)
// and a safety buffer, within the user's gas and concurrency limits, at a price the request allows, and only
// where it may bid at all (version, whitelist). Pure: the adapter feeds it and records the answer.
import { formatProvePerBpgu } from '../../pricing/succinct-bid-strategy.js';

export interface OpenRequest {
  gasLimit: bigint;
  deadlineMs: number;
  maxPriceWeiPerPgu: bigint;
  /** Hex addresses; empty: anyone. */
  whitelist: string[];
}

export interface AdmissionContext {
  nowMs: number;
  /** Lower-case hex. */
  prover: string;
  /** How long this machine needs for the request at full speed. */
  provingMs: number;
  /** Work already promised: assigned requests not yet proven plus bids not yet settled, as proving time. */
  committedMs: number;
  /** Bids and assignments outstanding now. */
  outstanding: number;
  maxOutstanding: number;
  /** Refuse requests over this many PGUs (0: no limit). */
  maxGasLimit: bigint;
  /** Margin for downloads, witness and submission, on top of proving time. */
  bufferMs: number;
  bidWeiPerPgu: bigint;
}

export type Admission = { bid: true } | { bid: false; reason: string };

export function admit(request: OpenRequest, context: AdmissionContext): Admission {
  if (request.whitelist.length > 0 && !request.whitelist.includes(context.prover)) {
    return { bid: false, reason: 'this prover is not in its whitelist' };
  }
  if (context.maxGasLimit > 0n && request.gasLimit > context.maxGasLimit) {
    return { bid: false, reason: `its gas limit ${request.gasLimit} PGU is over your limit of ${context.maxGasLimit}` };
  }
  if (context.outstanding >= context.maxOutstanding) {
    return { bid: false, reason: `already ${context.outstanding} bids or proofs outstanding (your limit is ${context.maxOutstanding})` };
  }
  const finishAtMs = context.nowMs + context.committedMs + context.provingMs + context.bufferMs;
  if (finishAtMs > request.deadlineMs) {
    const leftS = Math.max(0, Math.round((request.deadlineMs - context.nowMs) / 1000));
    const needS = Math.ceil((context.committedMs + context.provingMs + context.bufferMs) / 1000);
    return { bid: false, reason: `deadline too close: ${leftS} s left, this machine needs about ${needS} s with the work it has already taken` };
  }
  if (context.bidWeiPerPgu > request.maxPriceWeiPerPgu) {
    return {
      bid: false,
      reason: `your price ${formatProvePerBpgu(context.bidWeiPerPgu)} PROVE per bPGU is above its max ${formatProvePerBpgu(request.maxPriceWeiPerPgu)}`,
    };
  }
  return { bid: true };
}
