// How a coordinator's state and settings read on the Markets page.
import type { Coordinator } from '../../stores/markets.js';

export type StatusKind = 'active' | 'paused' | 'waiting' | 'disabled';

/** Disabled wins over paused, paused over waiting (the scheduler does not ask a paused coordinator). */
export function coordinatorStatus(c: Pick<Coordinator, 'enabled' | 'pausedReason' | 'idleReason'>): { kind: StatusKind; text: string } {
  if (!c.enabled) return { kind: 'disabled', text: 'disabled' };
  if (c.pausedReason !== null) return { kind: 'paused', text: `paused: ${c.pausedReason}` };
  if (c.idleReason !== null) return { kind: 'waiting', text: `waiting: ${c.idleReason}` };
  return { kind: 'active', text: 'active' };
}

export const PRACTICE_LABEL = 'Practice market — built in, no account needed';

export function kindLabel(kind: string): string {
  if (kind === 'batch-api') return 'Batch API';
  if (kind === 'donation') return 'Donation';
  if (kind === 'succinct') return 'Succinct Prover Network';
  if (kind === 'aztec') return 'Aztec epoch proof quotes';
  if (kind === 'practice') return PRACTICE_LABEL;
  return kind;
}

/** A ledger's market kind ("succinct", "practice succinct") as the Markets page names it. */
export function ledgerKindLabel(kind: string): string {
  return kind.startsWith('practice ') ? `Practice · ${kindLabel(kind.slice('practice '.length))}` : kindLabel(kind);
}

/** Markets that bid (a Succinct network, real or practice) have a bids ledger to show. */
export const isSuccinctMarket = (c: Pick<Coordinator, 'protocol'>): boolean => c.protocol === 'succinct';

/** Markets that quote (an Aztec node, real or practice) have a quote ledger to show. */
export const isAztecMarket = (c: Pick<Coordinator, 'protocol'>): boolean => c.protocol === 'aztec';

/** "a, b" → ["a", "b"]; blanks dropped, so an empty field means every program. */
export function parseProgramIds(text: string): string[] {
  return text
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
}

/** A reservation's length: 600 → "10 min", 5400 → "90 min", 7200 → "2 h", 45 → "45 s". */
export function lockTimeoutText(seconds: number): string {
  if (seconds >= 3600 && seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds >= 60 && seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}
