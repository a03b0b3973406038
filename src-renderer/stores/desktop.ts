// The desktop shell's settings (Settings → Desktop), and whether a desktop shell applies them here.
import { create } from 'zustand';
import type { CoreBridge } from '../../src-main/core/api/contract.js';
import type { DesktopSettings, DesktopView } from '../../src-main/core/api/desktop-schemas.js';
import { errorMessage } from '../errors.js';

interface DesktopStore {
  view: DesktopView | null;
  loadError: string | null;
  load(bridge: CoreBridge): Promise<void>;
  /** Throws the core's ApiError when it refuses the settings. */
  save(bridge: CoreBridge, settings: DesktopSettings): Promise<void>;
}

export const useDesktopStore = create<DesktopStore>()((set) => ({
  view: null,
  loadError: null,
  async load(bridge) {
    try {
      set({ view: await bridge.query('desktop.get', {}), loadError: null });
    } catch (error) {
      set({ loadError: errorMessage(error) });
    }
  },
  async save(bridge, settings) {
    set({ view: await bridge.command('desktop.set', { settings }) });
  },
}));
