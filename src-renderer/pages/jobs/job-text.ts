// How a job's sizes and timings read in the Jobs table.
import { formatCents } from '../../format.js';
import type { Job } from '../../stores/jobs.js';

export const NONE = '–';

const ACTIVE = new Set(['discovered', 'claimed', 'downloading', 'proving', 'submitting']);

export const isActive = (state: string): boolean => ACTIVE.has(state);

/** 850 → "0.9 s", 12_300 → "12.3 s", 250_000 → "4 min 10 s", 7_500_000 → "2 h 5 min". */
export function formatDuration(ms: number): string {
  const clamped = Math.max(0, ms);
  if (clamped < 59_500) {
    const tenths = Math.round(clamped / 100);
    return tenths < 100 ? `${(tenths / 10).toFixed(1)} s` : `${Math.round(clamped / 1000)} s`;
  }
  const totalS = Math.round(clamped / 1000);
  if (totalS < 3600) return `${Math.floor(totalS / 60)} min ${totalS % 60} s`;
  const totalMin = Math.round(totalS / 60);
  if (totalMin < 24 * 60) return `${Math.floor(totalMin / 60)} h ${totalMin % 60} min`;
  const totalH = Math.round(totalMin / 60);
  return `${Math.floor(totalH / 24)} d ${totalH % 24} h`;
}

/** A coordinator's job id made short enough for a table cell: long parts (UUIDs) keep their first 8 characters. */
export function shortJobId(externalId: string): string {
  return externalId
    .split('/')
    .map((part) => (part.length > 12 ? `${part.slice(0, 8)}…` : part))
    .join('/');
}

/** "poseidon-chain-4k · 3,813", "external backend", or "–" before proving starts. */
export function circuitText(job: Pick<Job, 'backend' | 'circuitName' | 'constraints'>): string {
  if (job.backend === 'external') return 'external backend';
  if (job.circuitName === null) return NONE;
  return job.constraints === null ? job.circuitName : `${job.circuitName} · ${job.constraints.toLocaleString('en-US')}`;
}

export const provingTimeText = (job: Pick<Job, 'provingTimeMs'>): string => (job.provingTimeMs === null ? NONE : formatDuration(job.provingTimeMs));

/** From the first download to the end, "running" while it goes on. */
export function totalTimeText(job: Pick<Job, 'state' | 'startedAtMs' | 'endedAtMs'>): string {
  if (isActive(job.state)) return 'running';
  if (job.startedAtMs === null || job.endedAtMs === null) return NONE;
  return formatDuration(job.endedAtMs - job.startedAtMs);
}

export function costPriceText(job: Pick<Job, 'costCents' | 'priceCents'>): string {
  if (job.costCents === null || job.priceCents === null) return NONE;
  return `${formatCents(job.costCents)} / ${formatCents(job.priceCents)}`;
}

/**
 * Time left while it runs; "missed" once past it (expired, or ended late); "met" when its proof was delivered in
 * time; "–" without a deadline, or when it ended in time without a proof delivered (failed, cancelled).
 */
export function deadlineText(job: Pick<Job, 'state' | 'deadlineAtMs' | 'endedAtMs'>, nowMs: number): string {
  if (job.deadlineAtMs === null) return NONE;
  if (job.state === 'expired') return 'missed';
  if (isActive(job.state)) return job.deadlineAtMs > nowMs ? `${formatDuration(job.deadlineAtMs - nowMs)} left` : 'missed';
  if (job.endedAtMs === null) return NONE;
  if (job.endedAtMs > job.deadlineAtMs) return 'missed';
  return job.state === 'accepted' || job.state === 'rejected' ? 'met' : NONE;
}
