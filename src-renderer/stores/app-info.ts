// What the core says about itself: version, mode, data folder.
import { create } from 'zustand';
import type { AppInfo } from '../../src-main/core/api/schemas.js';
import type { CoreBridge } from '../../src-main/core/api/contract.js';
import { errorMessage } from '../errors.js';

interface AppInfoStore {
  info: AppInfo | null;
  error: string | null;
  load(bridge: CoreBridge): Promise<void>;
}

export const useAppInfoStore = create<AppInfoStore>()((set) => ({
  info: null,
  error: null,
  async load(bridge) {
    try {
      set({ info: await bridge.query('app.info', {}), error: null });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
}));
