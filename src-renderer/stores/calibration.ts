// The machine's measured proving speed, for the Pricing page, and re-measuring it on request.
import { create } from 'zustand';
import type { CoreBridge } from '../../src-main/core/api/contract.js';
import type { CalibrationView } from '../../src-main/core/api/calibration-schemas.js';
import { errorMessage } from '../errors.js';

interface CalibrationStore {
  view: CalibrationView | null;
  measuring: boolean;
  error: string | null;
  load(bridge: CoreBridge): Promise<void>;
  measure(bridge: CoreBridge): Promise<void>;
}

export const useCalibrationStore = create<CalibrationStore>()((set) => ({
  view: null,
  measuring: false,
  error: null,
  async load(bridge) {
    try {
      set({ view: await bridge.query('engine.calibration', {}), error: null });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  async measure(bridge) {
    set({ measuring: true, error: null });
    try {
      set({ view: await bridge.command('engine.calibrate', {}) });
    } catch (error) {
      set({ error: errorMessage(error) });
    } finally {
      set({ measuring: false });
    }
  },
}));
