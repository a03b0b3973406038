// The limits of Settings → Resources and the facts that say what their defaults mean on this machine.
import { create } from 'zustand';
import type { CoreBridge } from '../../src-main/core/api/contract.js';
import type { ResourceSettings, ResourcesView } from '../../src-main/core/api/resource-schemas.js';
import { errorMessage } from '../errors.js';

interface ResourcesStore {
  view: ResourcesView | null;
  loadError: string | null;
  load(bridge: CoreBridge): Promise<void>;
  /** Throws the core's ApiError when it refuses the settings. */
  save(bridge: CoreBridge, settings: ResourceSettings): Promise<void>;
}

export const useResourcesStore = create<ResourcesStore>()((set) => ({
  view: null,
  loadError: null,
  async load(bridge) {
    try {
      set({ view: await bridge.query('resources.get', {}), loadError: null });
    } catch (error) {
      set({ loadError: errorMessage(error) });
    }
  },
  async save(bridge, settings) {
    set({ view: await bridge.command('resources.set', { settings }) });
  },
}));
