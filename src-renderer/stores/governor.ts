// What stops or slows proving now, and why: read once, then kept current by the core's `governor.changed`
// events and by the answers to snoozing.
import { create } from 'zustand';
import type { CoreBridge } from '../../src-main/core/api/contract.js';
import type { GovernorStatus, SnoozeState } from '../../src-main/core/api/resource-schemas.js';
import { errorMessage } from '../errors.js';

/** A snooze with an end; a pause without one is pause(). */
export interface SnoozeRequest {
  scope: SnoozeState['scope'];
  untilMs: number;
}

interface GovernorStore {
  status: GovernorStatus | null;
  loadError: string | null;
  /** Why the last snooze or resume failed. */
  snoozeError: string | null;
  load(bridge: CoreBridge): Promise<void>;
  /** Takes a status from an event or an answer, unless a newer one is already here. */
  apply(status: GovernorStatus): void;
  snooze(bridge: CoreBridge, snooze: SnoozeRequest): Promise<void>;
  /** Pauses all proving until unsnooze. */
  pause(bridge: CoreBridge): Promise<void>;
  unsnooze(bridge: CoreBridge): Promise<void>;
}

export const useGovernorStore = create<GovernorStore>()((set, get) => ({
  status: null,
  loadError: null,
  snoozeError: null,
  async load(bridge) {
    try {
      get().apply(await bridge.query('governor.status', {}));
      set({ loadError: null });
    } catch (error) {
      set({ loadError: errorMessage(error) });
    }
  },
  apply(status) {
    const current = get().status;
    if (current === null || status.atMs >= current.atMs) set({ status });
  },
  async snooze(bridge, snooze) {
    set({ snoozeError: null });
    try {
      get().apply(await bridge.command('governor.snooze', snooze));
    } catch (error) {
      set({ snoozeError: errorMessage(error) });
    }
  },
  async pause(bridge) {
    set({ snoozeError: null });
    try {
      get().apply(await bridge.command('governor.pause', {}));
    } catch (error) {
      set({ snoozeError: errorMessage(error) });
    }
  },
  async unsnooze(bridge) {
    set({ snoozeError: null });
    try {
      get().apply(await bridge.command('governor.unsnooze', {}));
    } catch (error) {
      set({ snoozeError: errorMessage(error) });
    }
  },
}));
