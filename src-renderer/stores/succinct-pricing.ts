// The Pricing page's Succinct bids: the saved bid settings with example prices at this machine's speed, saving
// them, and the what-if over recent requests under the settings being edited.
import type { SuccinctPreview, SuccinctPricingView } from '../../src-main/core/api/bidding-schemas.js';
import type { SuccinctBidSettingsInput } from '../../src-main/core/api/pricing-schemas.js';
import { createMarketPricingStore } from './market-pricing.js';

/** Recent requests in the what-if. */
export const WHAT_IF_REQUESTS = 30;

export const useSuccinctPricingStore = createMarketPricingStore<SuccinctPricingView, SuccinctPreview, SuccinctBidSettingsInput>({
  view: (bridge) => bridge.query('pricing.succinct', {}),
  whatIf: (bridge, settings) => bridge.query('pricing.succinctPreview', { settings, limit: WHAT_IF_REQUESTS }),
  save: (bridge, settings) => bridge.command('pricing.setSuccinct', { settings }),
});
