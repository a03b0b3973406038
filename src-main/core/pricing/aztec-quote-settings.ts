// The stored Aztec quote settings (`pricing.aztec`, in the API's shape: wei amounts as decimal strings), and
// loading them with defaults while none are saved.
import { AztecQuoteSettingsSchema, type AztecQuoteSettingsInput } from '../api/aztec-schemas.js';
import type { SettingsRepo } from '../store/repos/settings-repo.js';
import { DEFAULT_AZTEC_QUOTE_SETTINGS, type AztecQuoteSettings } from './aztec-quote-strategy.js';

export const AZTEC_QUOTE_SETTING = 'pricing.aztec';

export function aztecQuoteSettingsFromInput(input: AztecQuoteSettingsInput): AztecQuoteSettings {
  return { ...input, rewardPerBlockWei: BigInt(input.rewardPerBlockWei), bondWei: BigInt(input.bondWei) };
}

export function aztecQuoteSettingsToInput(settings: AztecQuoteSettings): AztecQuoteSettingsInput {
  return { ...settings, rewardPerBlockWei: settings.rewardPerBlockWei.toString(), bondWei: settings.bondWei.toString() };
}

/** The saved settings, or the defaults while none are saved (or the saved ones no longer parse). */
export function loadAztecQuoteSettings(settings: SettingsRepo): AztecQuoteSettings {
  const stored = AztecQuoteSettingsSchema.safeParse(settings.get(AZTEC_QUOTE_SETTING));
  return stored.success ? aztecQuoteSettingsFromInput(stored.data) : DEFAULT_AZTEC_QUOTE_SETTINGS;
}

export function saveAztecQuoteSettings(settings: SettingsRepo, value: AztecQuoteSettings): void {
  settings.set(AZTEC_QUOTE_SETTING, AztecQuoteSettingsSchema.parse(aztecQuoteSettingsToInput(value)));
}
