// The bids ledger of each Succinct market shown on the Markets page: counts by outcome, won requests still due and
// the recent requests. Panels register what they show (watch), so job and coordinator events reload only those;
// reloads of one market are coalesced, as events can come faster than a query.
import { create } from 'zustand';
import type { CoreBridge } from '../../src-main/core/api/contract.js';
import type { MarketBids } from '../../src-main/core/api/bidding-schemas.js';
import { errorMessage } from '../errors.js';

/** Recent requests listed per market. */
export const RECENT_BIDS = 20;

interface BidsStore {
  byCoordinator: Partial<Record<string, MarketBids>>;
  errors: Partial<Record<string, string>>;
  load(bridge: CoreBridge, coordinatorId: string): Promise<void>;
  /** Marks a market's bids as shown; returns the function that ends it. */
  watch(coordinatorId: string): () => void;
  /** Reloads every market shown (after an event, or events missed). */
  reloadWatched(bridge: CoreBridge): void;
}

const watched = new Map<string, number>();
const inFlight = new Map<string, Promise<void>>();
const again = new Set<string>();

export const useBidsStore = create<BidsStore>()((set, get) => ({
  byCoordinator: {},
  errors: {},
  load(bridge, coordinatorId) {
    const running = inFlight.get(coordinatorId);
    if (running) {
      again.add(coordinatorId);
      return running;
    }
    const loading = (async () => {
      do {
        again.delete(coordinatorId);
        try {
          const bids = await bridge.query('markets.bids', { coordinatorId, limit: RECENT_BIDS });
          set((state) => ({ byCoordinator: { ...state.byCoordinator, [coordinatorId]: bids }, errors: { ...state.errors, [coordinatorId]: undefined } }));
        } catch (error) {
          set((state) => ({ errors: { ...state.errors, [coordinatorId]: errorMessage(error) } }));
        }
      } while (again.has(coordinatorId));
      inFlight.delete(coordinatorId);
    })();
    inFlight.set(coordinatorId, loading);
    return loading;
  },
  watch(coordinatorId) {
    watched.set(coordinatorId, (watched.get(coordinatorId) ?? 0) + 1);
    return () => {
      const left = (watched.get(coordinatorId) ?? 1) - 1;
      if (left === 0) watched.delete(coordinatorId);
      else watched.set(coordinatorId, left);
    };
  },
  reloadWatched(bridge) {
    for (const coordinatorId of watched.keys()) void get().load(bridge, coordinatorId);
  },
}));
