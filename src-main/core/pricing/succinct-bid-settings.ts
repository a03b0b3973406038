// The stored Succinct bid settings (`pricing.succinct`), with defaults while none are saved.
import { SuccinctBidSettingsSchema } from '../api/pricing-schemas.js';
import type { SettingsRepo } from '../store/repos/settings-repo.js';
import { DEFAULT_SUCCINCT_BID_SETTINGS, type SuccinctBidSettings } from './succinct-bid-strategy.js';

export const SUCCINCT_BID_SETTING = 'pricing.succinct';

export function loadSuccinctBidSettings(settings: SettingsRepo): SuccinctBidSettings {
  const stored = SuccinctBidSettingsSchema.safeParse(settings.get(SUCCINCT_BID_SETTING));
  if (!stored.success) return DEFAULT_SUCCINCT_BID_SETTINGS;
  return { ...stored.data, floorWeiPerPgu: BigInt(stored.data.floorWeiPerPgu) };
}

export function saveSuccinctBidSettings(settings: SettingsRepo, value: SuccinctBidSettings): void {
  settings.set(SUCCINCT_BID_SETTING, { ...value, floorWeiPerPgu: value.floorWeiPerPgu.toString() });
}
