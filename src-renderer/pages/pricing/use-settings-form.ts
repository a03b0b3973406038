// A market's pricing settings being edited on the Pricing page (Succinct bids, Aztec quotes): the form starts from
// the saved settings once they arrive, each valid edit asks the store for its what-if once typing pauses, and a
// save runs through useSaveAction.
import { useEffect, useState, type FormEvent } from 'react';
import type { CoreBridge } from '../../../src-main/core/api/contract.js';
import { useSaveAction } from '../../save-action.js';
import type { MarketPricingState } from '../../stores/market-pricing.js';
import type { UnitForm, UnitFormErrors, UnitFormResult } from './unit-fields.js';

/** The what-if is asked for once typing pauses this long. */
const WHAT_IF_DEBOUNCE_MS = 300;

interface SettingsFormOptions<Key extends string, Settings> {
  bridge: CoreBridge;
  saved: Settings | null;
  defaults: Settings | null;
  toForm(settings: Settings): UnitForm<Key>;
  fromForm(form: UnitForm<Key>): UnitFormResult<Key, Settings>;
  loadWhatIf: MarketPricingState<unknown, unknown, Settings>['loadWhatIf'];
  save: MarketPricingState<unknown, unknown, Settings>['save'];
  /** Said once the settings are saved. */
  savedNotice: string;
}

export interface SettingsFormState<Key extends string, Settings> {
  /** Null until the saved settings have arrived. */
  form: UnitForm<Key> | null;
  /** The form's settings when they are valid. */
  settings: Settings | null;
  errors: UnitFormErrors<Key>;
  /** The form has errors: the what-if shows the last valid settings. */
  stale: boolean;
  /** Valid and not what is saved. */
  unsaved: boolean;
  busy: boolean;
  notice: string | null;
  saveError: string | null;
  canReset: boolean;
  edit(key: Key, value: string): void;
  /** Fills in the defaults; they are not saved until Save. */
  reset(): void;
  submit(event: FormEvent): Promise<void>;
}

export function useSettingsForm<Key extends string, Settings>({
  bridge,
  saved,
  defaults,
  toForm,
  fromForm,
  loadWhatIf,
  save,
  savedNotice,
}: SettingsFormOptions<Key, Settings>): SettingsFormState<Key, Settings> {
  const [form, setForm] = useState<UnitForm<Key> | null>(null);
  const { busy, notice, error: saveError, clearNotice, run } = useSaveAction();

  // The form starts from the saved settings once they have arrived (and again after a failed first load).
  useEffect(() => {
    if (saved !== null && form === null) setForm(toForm(saved));
  }, [saved, form, toForm]);

  const result = form === null ? null : fromForm(form);
  const settings = result?.ok ? result.settings : null;
  const settingsKey = settings === null ? null : JSON.stringify(settings);
  useEffect(() => {
    if (settingsKey === null) return;
    const timer = setTimeout(() => void loadWhatIf(bridge, JSON.parse(settingsKey) as Settings), WHAT_IF_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [bridge, loadWhatIf, settingsKey]);

  return {
    form,
    settings,
    errors: result !== null && !result.ok ? result.errors : {},
    stale: result !== null && !result.ok,
    unsaved: settingsKey !== null && saved !== null && settingsKey !== JSON.stringify(saved),
    busy,
    notice,
    saveError,
    canReset: defaults !== null,
    edit(key: Key, value: string) {
      clearNotice();
      setForm((current) => (current === null ? current : { ...current, [key]: value }));
    },
    reset() {
      clearNotice();
      if (defaults !== null) setForm(toForm(defaults));
    },
    async submit(event: FormEvent) {
      event.preventDefault();
      if (settings === null) return;
      await run(async () => {
        await save(bridge, settings);
        return savedNotice;
      });
    },
  };
}
