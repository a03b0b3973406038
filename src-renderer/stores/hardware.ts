// The machine as the core reports it: static facts, the latest sample, and the last minutes of samples
// for the live chart.
import { create } from 'zustand';
import type { CoreBridge } from '../../src-main/core/api/contract.js';
import type { HardwareSample, HardwareStatic } from '../../src-main/core/api/schemas.js';
import { errorMessage } from '../errors.js';

export const LIVE_WINDOW_MS = 10 * 60_000;
/** Bounds memory even when the sample interval is very short; the window then covers less time. */
const LIVE_MAX_POINTS = 1_800;

export interface LivePoint {
  atMs: number;
  cpuPct: number;
  memoryPct: number;
}

interface HardwareStore {
  machine: HardwareStatic | null;
  latest: HardwareSample | null;
  /** Oldest first, at most LIVE_WINDOW_MS from the newest. */
  live: LivePoint[];
  /** Samples received since the page opened. */
  sampleCount: number;
  loadError: string | null;
  loadCurrent(bridge: CoreBridge): Promise<void>;
  addSample(sample: HardwareSample): void;
}

export function memoryUsedPct(sample: HardwareSample): number {
  const { totalBytes, usedBytes } = sample.memory;
  return totalBytes > 0 ? (usedBytes / totalBytes) * 100 : 0;
}

/** Appends a point and drops what fell out of the window: a ring buffer kept as an immutable array. */
function appendLivePoint(live: LivePoint[], point: LivePoint): LivePoint[] {
  const oldestKept = point.atMs - LIVE_WINDOW_MS;
  let start = Math.max(0, live.length + 1 - LIVE_MAX_POINTS);
  while (start < live.length && live[start]!.atMs < oldestKept) start += 1;
  return [...live.slice(start), point];
}

export const useHardwareStore = create<HardwareStore>()((set, get) => ({
  machine: null,
  latest: null,
  live: [],
  sampleCount: 0,
  loadError: null,
  async loadCurrent(bridge) {
    try {
      const current = await bridge.query('hardware.current', {});
      set({ machine: current.static, loadError: null });
      if (current.latest !== null) get().addSample(current.latest);
    } catch (error) {
      set({ loadError: errorMessage(error) });
    }
  },
  addSample(sample) {
    const { latest, live, sampleCount } = get();
    // The sample from hardware.current may also arrive as an event; keep each moment once.
    if (latest !== null && sample.atMs <= latest.atMs) return;
    set({
      latest: sample,
      live: appendLivePoint(live, { atMs: sample.atMs, cpuPct: sample.cpu.loadPct, memoryPct: memoryUsedPct(sample) }),
      sampleCount: sampleCount + 1,
    });
  },
}));
