// The Jobs page's rows (jobs.list): each job with what its events say about it — the circuit and its size
// (the 'proving' event), the proving time, cost and price of its latest proof (the 'proved' event), when it
// started (its first 'downloading' event) and when it ended. One query for the jobs, one for their events.
import { z } from 'zod';
import type { JobSummary } from '../api/job-schemas.js';
import type { JobEvent } from '../store/repos/job-events-repo.js';
import type { Store } from '../store/store.js';
import { isTerminal } from './job-state.js';

type JobRow = z.output<typeof JobSummary>;

const ProvingData = z.union([
  // deviceName: since GPU proving; older events proved on the CPU.
  z.object({ backend: z.literal('native'), circuitName: z.string(), constraints: z.number().int().nonnegative(), deviceName: z.string().default('CPU') }),
  z.object({ backend: z.literal('external') }),
]);
const ProvedData = z.object({ provingTimeMs: z.number().nonnegative(), costCents: z.number().int(), priceCents: z.number().int() });

export function listJobs(store: Store, page: { limit: number; offset: number }): JobRow[] {
  const jobs = store.jobs.list(page);
  const spans = store.jobEvents.spansForJobs(
    jobs.map((job) => job.id),
    ['downloading', 'proving', 'proved'],
  );
  const byJob = new Map<string, Partial<Record<'downloading' | 'proving' | 'proved', { first: JobEvent; latest: JobEvent }>>>();
  for (const span of spans) {
    const entry = byJob.get(span.jobId) ?? {};
    entry[span.kind as 'downloading' | 'proving' | 'proved'] = span;
    byJob.set(span.jobId, entry);
  }
  const names = new Map(store.coordinators.list().map((c) => [c.id, c.name]));
  return jobs.map((job) => {
    const events = byJob.get(job.id) ?? {};
    const proving = events.proving ? provingFacts(events.proving.latest) : undefined;
    const proved = ProvedData.safeParse(events.proved?.latest.data);
    return {
      id: job.id,
      coordinatorId: job.coordinatorId,
      coordinatorName: names.get(job.coordinatorId) ?? job.coordinatorId,
      externalId: job.externalId,
      state: job.state,
      error: job.error,
      attempts: job.attempts,
      deadlineAtMs: job.deadlineAtMs,
      createdAtMs: job.createdAtMs,
      updatedAtMs: job.updatedAtMs,
      backend: proving?.backend ?? null,
      circuitName: proving?.backend === 'native' ? proving.circuitName : null,
      constraints: proving?.backend === 'native' ? proving.constraints : null,
      deviceName: proving?.backend === 'native' ? proving.deviceName : null,
      provingTimeMs: proved.success ? Math.round(proved.data.provingTimeMs) : null,
      costCents: proved.success ? proved.data.costCents : null,
      priceCents: proved.success ? proved.data.priceCents : null,
      startedAtMs: events.downloading?.first.atMs ?? null,
      // The move to a final state stores the job's time and that state's event together; nothing moves it after.
      endedAtMs: isTerminal(job.state) ? job.updatedAtMs : null,
    };
  });
}

function provingFacts(event: JobEvent): z.output<typeof ProvingData> | undefined {
  const data = ProvingData.safeParse(event.data);
  return data.success ? data.data : undefined;
}
