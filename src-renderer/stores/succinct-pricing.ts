// The Pricing page's Succinct bids: the saved bid settings with example prices at this machine's speed, saving
// them, and the what-if over recent requests under the settings being edited. Only the newest what-if request
// may set the what-if, so a slow answer never replaces a newer one.
import { create } from 'zustand';
import type { CoreBridge } from '../../src-main/core/api/contract.js';
import type { SuccinctPreview, SuccinctPricingView } from '../../src-main/core/api/bidding-schemas.js';
import type { SuccinctBidSettingsInput } from '../../src-main/core/api/pricing-schemas.js';
import { errorMessage } from '../errors.js';

/** Recent requests in the what-if. */
export const WHAT_IF_REQUESTS = 30;

interface SuccinctPricingStore {
  view: SuccinctPricingView | null;
  loadError: string | null;
  whatIf: SuccinctPreview | null;
  whatIfError: string | null;
  load(bridge: CoreBridge): Promise<void>;
  loadWhatIf(bridge: CoreBridge, settings: SuccinctBidSettingsInput): Promise<void>;
  /** Asks again for the last settings asked about (new requests may have come); nothing before a first what-if. */
  refreshWhatIf(bridge: CoreBridge): Promise<void>;
  /** Throws the core's ApiError when it refuses. */
  save(bridge: CoreBridge, settings: SuccinctBidSettingsInput): Promise<void>;
}

let latestWhatIf = 0;
let lastSettings: SuccinctBidSettingsInput | null = null;

export const useSuccinctPricingStore = create<SuccinctPricingStore>()((set, get) => ({
  view: null,
  loadError: null,
  whatIf: null,
  whatIfError: null,
  async load(bridge) {
    try {
      set({ view: await bridge.query('pricing.succinct', {}), loadError: null });
    } catch (error) {
      set({ loadError: errorMessage(error) });
    }
  },
  async loadWhatIf(bridge, settings) {
    const request = ++latestWhatIf;
    lastSettings = settings;
    try {
      const whatIf = await bridge.query('pricing.succinctPreview', { settings, limit: WHAT_IF_REQUESTS });
      if (request === latestWhatIf) set({ whatIf, whatIfError: null });
    } catch (error) {
      if (request === latestWhatIf) set({ whatIfError: errorMessage(error) });
    }
  },
  async refreshWhatIf(bridge) {
    if (lastSettings !== null) await get().loadWhatIf(bridge, lastSettings);
  },
  async save(bridge, settings) {
    set({ view: await bridge.command('pricing.setSuccinct', { settings }) });
  },
}));
