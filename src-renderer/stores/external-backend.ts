// The external prover's command template, for the Settings page.
import { create } from 'zustand';
import type { CoreBridge } from '../../src-main/core/api/contract.js';
import type { ExternalBackendView } from '../../src-main/core/api/provers-schemas.js';
import { errorMessage } from '../errors.js';

interface ExternalBackendStore {
  view: ExternalBackendView | null;
  loadError: string | null;
  load(bridge: CoreBridge): Promise<void>;
  /** Throws the core's ApiError when it refuses the command. */
  save(bridge: CoreBridge, command: string[] | null): Promise<void>;
}

export const useExternalBackendStore = create<ExternalBackendStore>()((set) => ({
  view: null,
  loadError: null,
  async load(bridge) {
    try {
      set({ view: await bridge.query('provers.externalBackend', {}), loadError: null });
    } catch (error) {
      set({ loadError: errorMessage(error) });
    }
  },
  async save(bridge, command) {
    set({ view: await bridge.command('provers.setExternalBackend', { command }) });
  },
}));
