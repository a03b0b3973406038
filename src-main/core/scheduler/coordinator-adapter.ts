// What the scheduler sees of a coordinator: ask for work, fetch a job's inputs, submit its proof. Each protocol
// implements this in its own folder; the scheduler never sees wire formats.
import type { WasmSource } from '../engine/witness.js';
import type { Job } from '../store/repos/jobs-repo.js';

export type PollResult =
  /** New work: `payload` is what the adapter needs to fetch and submit it again after a restart. */
  | { kind: 'job'; externalId: string; payload: Record<string, unknown>; deadlineAtMs?: number; note: string }
  /** Nothing to do now; ask again after `retryAfterMs` at the earliest. */
  | { kind: 'idle'; reason: string; retryAfterMs: number }
  /** A configuration problem the user must fix; polling stops until they do. */
  | { kind: 'pause'; reason: string };

export type ProvingInput =
  | { kind: 'circuit'; zkeyPath: string; wasm: WasmSource; input: Record<string, unknown>; constraints: number; circuitName: string }
  | { kind: 'external'; inputUrl?: string; inputFile?: string };

export interface ProofToSubmit {
  proof: Uint8Array;
  provingTimeMs: number;
  costCents: number;
  /** The same cost in billionths of a dollar, unrounded to cents (absent in proofs saved by older versions). */
  costNanoUsd?: number;
  priceCents: number;
  acceleration: string;
}

/** Money a coordinator reports for an accepted proof (a market's reward), in the currency's smallest unit. */
export interface ReportedEarning {
  kind: 'reward' | 'fee';
  amountMinor: bigint;
  currency: string;
  note: string;
}

export type SubmitResult =
  | { kind: 'accepted'; message: string; earnings?: ReportedEarning[] }
  | { kind: 'rejected'; message: string }
  /** The coordinator no longer knows the job (stale, or already accepted before a restart). */
  | { kind: 'gone'; message: string }
  | { kind: 'pause'; message: string };

export interface CoordinatorAdapter {
  readonly id: string;
  readonly name: string;
  poll(signal: AbortSignal): Promise<PollResult>;
  /**
   * Markets: work this machine already promised (a won auction with a deadline), without taking anything new.
   * Asked while the governor holds new work back, so a promise is kept (under the governor's deadline rule)
   * rather than broken because the laptop was unplugged after the bid.
   */
  pollCommitted?(signal: AbortSignal): Promise<PollResult>;
  fetch(job: Job, payload: Record<string, unknown>, workDir: string, signal: AbortSignal): Promise<ProvingInput>;
  submit(job: Job, payload: Record<string, unknown>, proof: ProofToSubmit, signal: AbortSignal): Promise<SubmitResult>;
  /** Tells the coordinator this machine gives up a job it was given (markets reassign or refund); says what was done. */
  reportFailure?(job: Job, payload: Record<string, unknown>, reason: string, signal: AbortSignal): Promise<string>;
}
