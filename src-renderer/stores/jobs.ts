// Jobs: the newest hundred, the job in progress (from scheduler.progress events) and the selected job's history.
import { create } from 'zustand';
import type { z } from 'zod';
import type { CoreBridge } from '../../src-main/core/api/contract.js';
import type { JobEventView, JobProgress, JobSummary } from '../../src-main/core/api/job-schemas.js';
import { errorMessage } from '../errors.js';

export type Job = z.infer<typeof JobSummary>;
export type JobEvent = z.infer<typeof JobEventView>;
export type Progress = z.infer<typeof JobProgress>;

interface JobsStore {
  jobs: Job[] | null;
  current: Progress | null;
  selectedId: string | null;
  events: JobEvent[] | null;
  error: string | null;
  load(bridge: CoreBridge): Promise<void>;
  select(bridge: CoreBridge, jobId: string | null): Promise<void>;
  cancel(bridge: CoreBridge, jobId: string): Promise<void>;
  setProgress(progress: Progress): void;
  /** A job changed state: refresh the list, and the open history if it is that job's. */
  jobChanged(bridge: CoreBridge, jobId: string, state: string): Promise<void>;
}

const TERMINAL = new Set(['accepted', 'rejected', 'failed', 'expired', 'cancelled']);

export const useJobsStore = create<JobsStore>()((set, get) => ({
  jobs: null,
  current: null,
  selectedId: null,
  events: null,
  error: null,
  async load(bridge) {
    try {
      const [{ jobs }, status] = await Promise.all([bridge.query('jobs.list', { limit: 100 }), bridge.query('scheduler.status', {})]);
      set({ jobs, current: status.current, error: null });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  async select(bridge, jobId) {
    set({ selectedId: jobId, events: null });
    if (jobId === null) return;
    try {
      const { events } = await bridge.query('jobs.events', { jobId });
      if (get().selectedId === jobId) set({ events });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  async cancel(bridge, jobId) {
    try {
      await bridge.command('jobs.cancel', { jobId });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  setProgress(progress) {
    set({ current: progress });
  },
  async jobChanged(bridge, jobId, state) {
    if (TERMINAL.has(state) && get().current?.jobId === jobId) set({ current: null });
    await get().load(bridge);
    if (get().selectedId === jobId) await get().select(bridge, jobId);
  },
}));
