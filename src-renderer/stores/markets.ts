// The Markets page's coordinators: the list with status, last error and job counts, the commands that change
// them, and a donation server's programs to choose from. Reloads are coalesced: events (one per job state
// change) can arrive faster than a reload.
import { create } from 'zustand';
import type { CommandInput, CommandOutput, CoreBridge, QueryInput, QueryOutput } from '../../src-main/core/api/contract.js';
import type { CoordinatorRow, DonationProgram } from '../../src-main/core/api/market-schemas.js';
import { errorMessage } from '../errors.js';

export type Coordinator = CoordinatorRow;
export type { DonationProgram };

interface MarketsStore {
  coordinators: Coordinator[] | null;
  loadError: string | null;
  load(bridge: CoreBridge): Promise<void>;
  /** The commands throw the core's ApiError, for the form or row that sent them to show. */
  add(bridge: CoreBridge, input: CommandInput<'coordinators.add'>): Promise<CommandOutput<'coordinators.add'>>;
  update(bridge: CoreBridge, input: CommandInput<'coordinators.update'>): Promise<void>;
  setPaused(bridge: CoreBridge, id: string, paused: boolean): Promise<void>;
  setEnabled(bridge: CoreBridge, id: string, enabled: boolean): Promise<void>;
  remove(bridge: CoreBridge, id: string): Promise<CommandOutput<'coordinators.remove'>>;
  /** One page of a donation server's programs (throws the core's ApiError when the server cannot be asked). */
  listPrograms(bridge: CoreBridge, input: QueryInput<'donation.programs'>): Promise<QueryOutput<'donation.programs'>>;
}

let inFlight: Promise<void> | null = null;
let again = false;

export const useMarketsStore = create<MarketsStore>()((set, get) => ({
  coordinators: null,
  loadError: null,
  load(bridge) {
    if (inFlight) {
      again = true;
      return inFlight;
    }
    inFlight = (async () => {
      do {
        again = false;
        try {
          const { coordinators } = await bridge.query('coordinators.list', {});
          set({ coordinators, loadError: null });
        } catch (error) {
          set({ loadError: errorMessage(error) });
        }
      } while (again);
      inFlight = null;
    })();
    return inFlight;
  },
  async add(bridge, input) {
    const added = await bridge.command('coordinators.add', input);
    await get().load(bridge);
    return added;
  },
  async update(bridge, input) {
    await bridge.command('coordinators.update', input);
    await get().load(bridge);
  },
  async setPaused(bridge, id, paused) {
    await bridge.command('coordinators.setPaused', { id, paused });
    await get().load(bridge);
  },
  async setEnabled(bridge, id, enabled) {
    await bridge.command('coordinators.setEnabled', { id, enabled });
    await get().load(bridge);
  },
  async remove(bridge, id) {
    const removed = await bridge.command('coordinators.remove', { id });
    await get().load(bridge);
    return removed;
  },
  listPrograms(bridge, input) {
    return bridge.query('donation.programs', input);
  },
}));
