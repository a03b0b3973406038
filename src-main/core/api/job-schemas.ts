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

export const JobProgress = z.object({ jobId: JobId, phase: z.string(), fraction: z.number().min(0).max(1) });

export const CoordinatorStatus = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  enabled: z.boolean(),
  pausedReason: z.string().nullable(),
  /** Why the scheduler is not taking work from it right now (no more batches, unreachable…), if it says. */
  idleReason: z.string().nullable(),
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
