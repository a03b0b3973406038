// The Dashboard's figures: today's job outcomes and money (since local midnight) and each coordinator's status.
import { create } from 'zustand';
import type { z } from 'zod';
import type { CoreBridge } from '../../src-main/core/api/contract.js';
import type { CoordinatorStatus, JobStats } from '../../src-main/core/api/job-schemas.js';
import { errorMessage } from '../errors.js';

interface DashboardStore {
  stats: z.infer<typeof JobStats> | null;
  coordinators: z.infer<typeof CoordinatorStatus>[] | null;
  error: string | null;
  load(bridge: CoreBridge): Promise<void>;
}

export function startOfToday(now = new Date()): number {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
}

export const useDashboardStore = create<DashboardStore>()((set) => ({
  stats: null,
  coordinators: null,
  error: null,
  async load(bridge) {
    try {
      const [stats, status] = await Promise.all([bridge.query('jobs.stats', { sinceMs: startOfToday() }), bridge.query('scheduler.status', {})]);
      set({ stats, coordinators: status.coordinators, error: null });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
}));
