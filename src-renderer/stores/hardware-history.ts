// Per-minute history of the machine's metrics, for the range the user picked.
import { create } from 'zustand';
import type { CoreBridge } from '../../src-main/core/api/contract.js';
import type { HardwareHistory, MetricName } from '../../src-main/core/api/schemas.js';
import { errorMessage } from '../errors.js';

export const HISTORY_RANGES = [
  { id: '1h', label: '1 hour', ms: 60 * 60_000 },
  { id: '24h', label: '24 hours', ms: 24 * 60 * 60_000 },
  { id: '7d', label: '7 days', ms: 7 * 24 * 60 * 60_000 },
] as const;
export type HistoryRange = (typeof HISTORY_RANGES)[number]['id'];

interface HardwareHistoryStore {
  range: HistoryRange;
  history: HardwareHistory | null;
  error: string | null;
  setRange(range: HistoryRange): void;
  load(bridge: CoreBridge, metrics: MetricName[]): Promise<void>;
}

let latestRequest = 0;

export const useHardwareHistoryStore = create<HardwareHistoryStore>()((set, get) => ({
  range: '1h',
  history: null,
  error: null,
  setRange: (range) => set({ range }),
  async load(bridge, metrics) {
    const request = ++latestRequest;
    const rangeMs = HISTORY_RANGES.find((range) => range.id === get().range)!.ms;
    try {
      const history = await bridge.query('hardware.history', { metrics, sinceMs: Date.now() - rangeMs });
      // A reply for a range the user has since left must not replace the newer one.
      if (request === latestRequest) set({ history, error: null });
    } catch (error) {
      if (request === latestRequest) set({ error: errorMessage(error) });
    }
  },
}));
