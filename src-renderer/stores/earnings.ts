// The Earnings page's summary over the range the user picked. While the page is open (watched), a job's change
// reloads it, at most once per few seconds: a burst of job events costs one query, not one each.
import { create } from 'zustand';
import type { CoreBridge } from '../../src-main/core/api/contract.js';
import type { EarningsSummary } from '../../src-main/core/api/earnings-schemas.js';
import { errorMessage } from '../errors.js';
import { windowHidden } from '../visibility.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** `ms: null`: since the first entry. Each range has a bucket that gives its chart a readable number of points. */
export const EARNINGS_RANGES = [
  { id: '24h', label: '24 hours', ms: DAY_MS, bucketMs: HOUR_MS },
  { id: '7d', label: '7 days', ms: 7 * DAY_MS, bucketMs: DAY_MS },
  { id: '30d', label: '30 days', ms: 30 * DAY_MS, bucketMs: DAY_MS },
  { id: 'all', label: 'All', ms: null, bucketMs: DAY_MS },
] as const;
export type EarningsRange = (typeof EARNINGS_RANGES)[number];
export type EarningsRangeId = EarningsRange['id'];

/** Job events reload the summary at most this often. */
const EVENT_THROTTLE_MS = 5_000;

export interface LoadedSummary {
  summary: EarningsSummary;
  range: EarningsRange;
  sinceMs: number;
  loadedAtMs: number;
}

interface EarningsStore {
  rangeId: EarningsRangeId;
  loaded: LoadedSummary | null;
  error: string | null;
  setRange(bridge: CoreBridge, rangeId: EarningsRangeId): Promise<void>;
  load(bridge: CoreBridge): Promise<void>;
  /** Marks the page open, so job events reload the summary; returns the function that ends it. */
  watch(): () => void;
  /** A job changed: reload (throttled) if the page is open. */
  jobChanged(bridge: CoreBridge): void;
  /** Events were missed (hidden window, lost connection): reload now if the page is open. */
  reloadIfWatched(bridge: CoreBridge): void;
}

let latestRequest = 0;
let watchers = 0;
let lastLoadAtMs = 0;
let trailing: number | undefined;

export const useEarningsStore = create<EarningsStore>()((set, get) => ({
  rangeId: '7d',
  loaded: null,
  error: null,
  async setRange(bridge, rangeId) {
    set({ rangeId });
    await get().load(bridge);
  },
  async load(bridge) {
    const request = ++latestRequest;
    lastLoadAtMs = Date.now();
    const range = EARNINGS_RANGES.find((r) => r.id === get().rangeId)!;
    const sinceMs = range.ms === null ? 0 : Date.now() - range.ms;
    try {
      const summary = await bridge.query('earnings.summary', { sinceMs, bucketMs: range.bucketMs });
      // A reply for a range the user has since left must not replace the newer one.
      if (request === latestRequest) set({ loaded: { summary, range, sinceMs, loadedAtMs: Date.now() }, error: null });
    } catch (error) {
      if (request === latestRequest) set({ error: errorMessage(error) });
    }
  },
  watch() {
    watchers += 1;
    return () => {
      watchers -= 1;
      if (watchers === 0) {
        window.clearTimeout(trailing);
        trailing = undefined;
      }
    };
  },
  jobChanged(bridge) {
    if (watchers === 0 || trailing !== undefined) return;
    const waitMs = lastLoadAtMs + EVENT_THROTTLE_MS - Date.now();
    if (waitMs <= 0) {
      void get().load(bridge);
      return;
    }
    trailing = window.setTimeout(() => {
      trailing = undefined;
      // Hidden meanwhile: showing the window again reads everything afresh.
      if (watchers > 0 && !windowHidden()) void get().load(bridge);
    }, waitMs);
  },
  reloadIfWatched(bridge) {
    if (watchers > 0) void get().load(bridge);
  },
}));
