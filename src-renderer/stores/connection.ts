// Whether the page is connected to the core's event stream (drives the "disconnected" banner).
import { create } from 'zustand';
import type { ConnectionState } from '../bridge/index.js';

interface ConnectionStore {
  state: ConnectionState;
  setState(state: ConnectionState): void;
}

export const useConnectionStore = create<ConnectionStore>()((set) => ({
  state: 'connecting',
  setState: (state) => set({ state }),
}));
