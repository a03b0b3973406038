// How this machine quotes for Aztec epoch proofs: what an epoch costs (per tx and per epoch, in dollars, turned
// into the fee token at your price), the margin, the most it asks, the bond it offers and how long a quote holds,
// and how the epochs recently asked about would be quoted under the settings being typed (debounced).
import { Card } from '../../components/Card.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { useAztecPricingStore } from '../../stores/aztec-pricing.js';
import { AZTEC_FIELDS, formFromSettings, settingsFromForm } from './aztec-quote-form.js';
import { AztecWhatIfTable } from './AztecWhatIfTable.js';
import { SettingsForm } from './SettingsForm.js';
import { usePricingCard } from './use-pricing-card.js';

export function AztecQuotesCard() {
  const { bridge, pricing, state } = usePricingCard(useAztecPricingStore, {
    toForm: formFromSettings,
    fromForm: settingsFromForm,
    savedNotice: 'Saved. Quotes answered from now on use these settings.',
  });
  const { loadError, whatIf, whatIfError, load } = pricing;

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
