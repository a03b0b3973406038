// A market's pricing settings on the Pricing page (Succinct bids, Aztec quotes): the saved settings with what the
// core says about them, saving them, and the what-if over the market's recent work under the settings being
// edited. Only the newest what-if request may set the what-if, so a slow answer never replaces a newer one.
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { CoreBridge } from '../../src-main/core/api/contract.js';
import { errorMessage } from '../errors.js';

export interface MarketPricingState<View, WhatIf, Settings> {
  view: View | null;
  loadError: string | null;
  whatIf: WhatIf | null;
  whatIfError: string | null;
  load(bridge: CoreBridge): Promise<void>;
  loadWhatIf(bridge: CoreBridge, settings: Settings): Promise<void>;
  /** Asks again for the last settings asked about (new work may have come); nothing before a first what-if. */
  refreshWhatIf(bridge: CoreBridge): Promise<void>;
  /** Throws the core's ApiError when it refuses. */
  save(bridge: CoreBridge, settings: Settings): Promise<void>;
}

export type MarketPricingStore<View, WhatIf, Settings> = UseBoundStore<StoreApi<MarketPricingState<View, WhatIf, Settings>>>;

export interface MarketPricingApi<View, WhatIf, Settings> {
  view(bridge: CoreBridge): Promise<View>;
  whatIf(bridge: CoreBridge, settings: Settings): Promise<WhatIf>;
  /** Saves and answers the new view. */
  save(bridge: CoreBridge, settings: Settings): Promise<View>;
}

export function createMarketPricingStore<View, WhatIf, Settings>(api: MarketPricingApi<View, WhatIf, Settings>): MarketPricingStore<View, WhatIf, Settings> {
  let latestWhatIf = 0;
  let lastSettings: Settings | null = null;

  return create<MarketPricingState<View, WhatIf, Settings>>()((set, get) => ({
    view: null,
    loadError: null,
    whatIf: null,
    whatIfError: null,
    async load(bridge) {
      try {
        set({ view: await api.view(bridge), loadError: null });
      } catch (error) {
        set({ loadError: errorMessage(error) });
      }
    },
    async loadWhatIf(bridge, settings) {
      const request = ++latestWhatIf;
      lastSettings = settings;
      try {
        const whatIf = await api.whatIf(bridge, settings);
        if (request === latestWhatIf) set({ whatIf, whatIfError: null });
      } catch (error) {
        if (request === latestWhatIf) set({ whatIfError: errorMessage(error) });
      }
    },
    async refreshWhatIf(bridge) {
      if (lastSettings !== null) await get().loadWhatIf(bridge, lastSettings);
    },
    async save(bridge, settings) {
      set({ view: await api.save(bridge, settings) });
    },
  }));
}
