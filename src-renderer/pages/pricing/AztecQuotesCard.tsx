// How this machine quotes for Aztec epoch proofs: what an epoch costs (per tx and per epoch, in dollars, turned
// into the fee token at your price), the margin, the most it asks, the bond it offers and how long a quote holds,
// and how the epochs recently asked about would be quoted under the settings being typed (debounced).
import { useEffect } from 'react';
import { useBridge } from '../../bridge/context.js';
import { Card } from '../../components/Card.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { useAztecPricingStore } from '../../stores/aztec-pricing.js';
import { everyWhileVisible } from '../../visibility.js';
import { AZTEC_FIELDS, formFromSettings, settingsFromForm } from './aztec-quote-form.js';
import { AztecWhatIfTable } from './AztecWhatIfTable.js';
import { SettingsForm } from './SettingsForm.js';
import { useSettingsForm } from './use-settings-form.js';

/** Nodes ask for quotes without an event, so the what-if looks again now and then. */
const WHAT_IF_REFRESH_MS = 10_000;

export function AztecQuotesCard() {
  const bridge = useBridge();
  const { view, loadError, whatIf, whatIfError, load, loadWhatIf, refreshWhatIf, save } = useAztecPricingStore();
  const state = useSettingsForm({
    bridge,
    saved: view?.settings ?? null,
    defaults: view?.defaults ?? null,
    toForm: formFromSettings,
    fromForm: settingsFromForm,
    loadWhatIf,
    save,
    savedNotice: 'Saved. Quotes answered from now on use these settings.',
  });

  useEffect(() => {
    void load(bridge);
    return everyWhileVisible(WHAT_IF_REFRESH_MS, () => void refreshWhatIf(bridge));
  }, [bridge, load, refreshWhatIf]);

  return (
    <Card title="Aztec quotes" className="wide">
      <p className="muted">
        What this machine asks to prove an Aztec epoch, as a share of the epoch&apos;s fees and block rewards in basis points (100 bp = 1 %): the epoch&apos;s
        cost in fee tokens at your price, plus your margin, divided by what the epoch pays; an epoch that would need more than your max fee is declined.
        Amounts are in the rollup&apos;s fee token (FEE).
      </p>
      {loadError !== null && <ErrorNotice message={loadError} onRetry={() => void load(bridge)} />}
      {state.form === null ? (
        loadError === null && <p className="muted">Loading…</p>
      ) : (
        <SettingsForm label="Aztec quote settings" fields={AZTEC_FIELDS} form={state.form} state={state} saveLabel="Save quote settings" resetLabel="Reset quote settings to defaults" />
      )}
      {whatIfError !== null && <ErrorNotice message={whatIfError} />}
      <AztecWhatIfTable whatIf={whatIf} stale={state.stale} feeTokenUsdMicros={state.settings?.feeTokenUsdMicros ?? null} />
    </Card>
  );
}
