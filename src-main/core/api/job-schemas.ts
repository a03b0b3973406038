// API shapes for jobs and the scheduler (contract.ts): what the Jobs and Dashboard pages read.
import { z } from 'zod';

export const JobId = z.string().min(1).max(100);

export const JobSummary = z.object({
  id: JobId,
  coordinatorId: z.string(),
  coordinatorName: z.string(),
  externalId: z.string(),
  state: z.string(),
  error: z.string().nullable(),
  attempts: z.number().int().nonnegative(),
  deadlineAtMs: z.number().int().nullable(),
  createdAtMs: z.number().int(),
  updatedAtMs: z.number().int(),
  /** How it was (or is being) proven; null until proving starts. */
  backend: z.enum(['native', 'external']).nullable(),
  /** Native proofs: the circuit and its size (null for the external backend, or before proving starts). */
  circuitName: z.string().nullable(),
  constraints: z.number().int().nonnegative().nullable(),
  /** Native proofs: where it ran ("CPU", "GPU 0 (NVIDIA L4)"); null otherwise. */
  deviceName: z.string().nullable(),
  /** From its latest proof (null until one is made). */
  provingTimeMs: z.number().int().nonnegative().nullable(),
  costCents: z.number().int().nullable(),
  priceCents: z.number().int().nullable(),
  /** When its inputs were first fetched (null if it never got that far). */
  startedAtMs: z.number().int().nullable(),
  /** When it ended (accepted, rejected, failed, expired, cancelled); null while active. */
  endedAtMs: z.number().int().nullable(),
});

export const JobsListInput = z
  .object({ limit: z.number().int().min(1).max(200).default(50), offset: z.number().int().min(0).default(0) })
  .strict();
export const JobsList = z.object({ jobs: z.array(JobSummary) });

export const JobEventView = z.object({
  atMs: z.number().int(),
  kind: z.string(),
  message: z.string(),
  data: z.unknown(),
});
export const JobEventsInput = z.object({ jobId: JobId }).strict();
export const JobEvents = z.object({ events: z.array(JobEventView) });

export const JobProgress = z.object({
  jobId: JobId,
  phase: z.string(),
  fraction: z.number().min(0).max(1),
  /** Where a native proof runs ("cpu", "cuda:0"); its phases come in another order on a GPU. */
  device: z.string().optional(),
});

export const CoordinatorStatus = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  enabled: z.boolean(),
  pausedReason: z.string().nullable(),
  /** Why the scheduler is not taking work from it right now (no more batches, unreachable…), if it says. */
  idleReason: z.string().nullable(),
  /** Since when the scheduler has failed to reach it (null: it answered last time, or was not asked yet). */
  unreachableSinceMs: z.number().int().nullable(),
});

export const SchedulerStatus = z.object({ current: JobProgress.nullable(), coordinators: z.array(CoordinatorStatus) });

export const JobCancelInput = z.object({ jobId: JobId }).strict();
export const JobChanged = z.object({ jobId: JobId, state: z.string() });

export const JobStatsInput = z.object({ sinceMs: z.number().int().nonnegative() }).strict();
export const JobStats = z.object({
  accepted: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  costCents: z.number().int().nonnegative(),
  priceCents: z.number().int().nonnegative(),
});
