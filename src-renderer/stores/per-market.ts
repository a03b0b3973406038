// A ledger per market shown on the Markets page (a Succinct market's bids, an Aztec market's quotes): the newest
// answer for each, or why it could not be read. Panels register what they show (watch), so events reload only
// those; reloads of one market are coalesced, as events can come faster than a query.
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { CoreBridge } from '../../src-main/core/api/contract.js';
import { errorMessage } from '../errors.js';

export interface PerMarketState<T> {
  byCoordinator: Partial<Record<string, T>>;
  errors: Partial<Record<string, string>>;
  load(bridge: CoreBridge, coordinatorId: string): Promise<void>;
  /** Marks a market's ledger as shown; returns the function that ends it. */
  watch(coordinatorId: string): () => void;
  /** Reloads every market shown (after an event, or events missed). */
  reloadWatched(bridge: CoreBridge): void;
}

export type PerMarketStore<T> = UseBoundStore<StoreApi<PerMarketState<T>>>;

/** A store of what `read` answers for each market. */
export function createPerMarketStore<T>(read: (bridge: CoreBridge, coordinatorId: string) => Promise<T>): PerMarketStore<T> {
  const watched = new Map<string, number>();
  const inFlight = new Map<string, Promise<void>>();
  const again = new Set<string>();

  return create<PerMarketState<T>>()((set, get) => ({
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
            const answer = await read(bridge, coordinatorId);
            set((state) => ({ byCoordinator: { ...state.byCoordinator, [coordinatorId]: answer }, errors: { ...state.errors, [coordinatorId]: undefined } }));
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
}
