// What a market's pricing card (Succinct bids, Aztec quotes) does besides drawing: load the saved settings, keep
// the form and its what-if (useSettingsForm), and ask for the what-if again now and then while the window is
// shown, since the market's new work (requests, epochs) arrives without an event.
import { useEffect } from 'react';
import { useBridge } from '../../bridge/context.js';
import type { MarketPricingStore } from '../../stores/market-pricing.js';
import { everyWhileVisible } from '../../visibility.js';
import type { UnitForm, UnitFormResult } from './unit-fields.js';
import { useSettingsForm } from './use-settings-form.js';

/** How often the what-if looks for new work. */
const WHAT_IF_REFRESH_MS = 10_000;

interface PricingCardOptions<Key extends string, Settings> {
  toForm(settings: Settings): UnitForm<Key>;
  fromForm(form: UnitForm<Key>): UnitFormResult<Key, Settings>;
  /** Said once the settings are saved. */
  savedNotice: string;
}

export function usePricingCard<View extends { settings: Settings; defaults: Settings }, WhatIf, Settings, Key extends string>(
  useStore: MarketPricingStore<View, WhatIf, Settings>,
  options: PricingCardOptions<Key, Settings>,
) {
  const bridge = useBridge();
  const pricing = useStore();
  const state = useSettingsForm({
    bridge,
    saved: pricing.view?.settings ?? null,
    defaults: pricing.view?.defaults ?? null,
    toForm: options.toForm,
    fromForm: options.fromForm,
    loadWhatIf: pricing.loadWhatIf,
    save: pricing.save,
    savedNotice: options.savedNotice,
  });
  const { load, refreshWhatIf } = pricing;
  useEffect(() => {
    void load(bridge);
    return everyWhileVisible(WHAT_IF_REFRESH_MS, () => void refreshWhatIf(bridge));
  }, [bridge, load, refreshWhatIf]);
  return { bridge, pricing, state };
}
