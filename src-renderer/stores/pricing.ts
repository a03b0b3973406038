// The Pricing page: the saved cost model, the defaults, and the preview of recent proofs under the model being
// edited. Only the newest preview request may set the preview, so a slow answer never replaces a newer one.
import { create } from 'zustand';
import type { CoreBridge } from '../../src-main/core/api/contract.js';
import type { CostModel, PricingPreview } from '../../src-main/core/api/pricing-schemas.js';
import { errorMessage } from '../errors.js';

/** Proofs shown in the preview. */
export const PREVIEW_PROOFS = 20;

interface PricingStore {
  saved: CostModel | null;
  defaults: CostModel | null;
  estimatedPowerWatts: number | null;
  loadError: string | null;
  preview: PricingPreview | null;
  previewError: string | null;
  load(bridge: CoreBridge): Promise<void>;
  loadPreview(bridge: CoreBridge, model: CostModel): Promise<void>;
  /** Asks again for the last previewed model (a job changed, so there may be a new proof); nothing before a first preview. */
  refreshPreview(bridge: CoreBridge): Promise<void>;
  /** Throws the core's ApiError when it refuses. */
  save(bridge: CoreBridge, model: CostModel): Promise<void>;
}

let latestPreview = 0;
let lastModel: CostModel | null = null;

export const usePricingStore = create<PricingStore>()((set, get) => ({
  saved: null,
  defaults: null,
  estimatedPowerWatts: null,
  loadError: null,
  preview: null,
  previewError: null,
  async load(bridge) {
    try {
      const state = await bridge.query('pricing.get', {});
      set({ saved: state.model, defaults: state.defaults, estimatedPowerWatts: state.estimatedPowerWatts, loadError: null });
    } catch (error) {
      set({ loadError: errorMessage(error) });
    }
  },
  async loadPreview(bridge, model) {
    const request = ++latestPreview;
    lastModel = model;
    try {
      const preview = await bridge.query('pricing.preview', { model, limit: PREVIEW_PROOFS });
      if (request === latestPreview) set({ preview, previewError: null });
    } catch (error) {
      if (request === latestPreview) set({ previewError: errorMessage(error) });
    }
  },
  async refreshPreview(bridge) {
    if (lastModel !== null) await get().loadPreview(bridge, lastModel);
  },
  async save(bridge, model) {
    const { model: saved } = await bridge.command('pricing.set', { model });
    set({ saved });
  },
}));
