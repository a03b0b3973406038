// What the native proving engine can prove on (CPU and, with the CUDA backend, GPUs).
import { create } from 'zustand';
import type { CoreBridge } from '../../src-main/core/api/contract.js';
import type { EngineDevices } from '../../src-main/core/api/schemas.js';
import { errorMessage } from '../errors.js';

interface EngineDevicesStore {
  engine: EngineDevices | null;
  error: string | null;
  load(bridge: CoreBridge): Promise<void>;
}

export const useEngineDevicesStore = create<EngineDevicesStore>()((set) => ({
  engine: null,
  error: null,
  async load(bridge) {
    try {
      set({ engine: await bridge.query('engine.devices', {}), error: null });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
}));
