// The Pricing page's Aztec quotes: the saved quote settings with their defaults, saving them, and the what-if over
// the epochs recently asked about under the settings being edited.
import type { AztecPreview, AztecPricingView, AztecQuoteSettingsInput } from '../../src-main/core/api/aztec-schemas.js';
import { createMarketPricingStore } from './market-pricing.js';

/** Recent epochs in the what-if. */
export const WHAT_IF_EPOCHS = 30;

export const useAztecPricingStore = createMarketPricingStore<AztecPricingView, AztecPreview, AztecQuoteSettingsInput>({
  view: (bridge) => bridge.query('pricing.aztec', {}),
  whatIf: (bridge, settings) => bridge.query('pricing.aztecPreview', { settings, limit: WHAT_IF_EPOCHS }),
  save: (bridge, settings) => bridge.command('pricing.setAztec', { settings }),
});
