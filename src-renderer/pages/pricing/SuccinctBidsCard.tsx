// How this machine bids on the Succinct Prover Network: the PROVE price, margin and floor, the example prices at
// this machine's speed, and what recent requests would have been bid under the settings being typed (debounced),
// so a shop can go from measured speed to break-even to margin to what it would have won.
import { Card } from '../../components/Card.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { useSuccinctPricingStore } from '../../stores/succinct-pricing.js';
import { SettingsForm } from './SettingsForm.js';
import { formFromSettings, settingsFromForm, SUCCINCT_FIELDS } from './succinct-bid-form.js';
import { SuccinctExamplesTable } from './SuccinctExamplesTable.js';
import { SuccinctWhatIfTable } from './SuccinctWhatIfTable.js';
import { usePricingCard } from './use-pricing-card.js';

export function SuccinctBidsCard() {
  const { bridge, pricing, state } = usePricingCard(useSuccinctPricingStore, {
    toForm: formFromSettings,
    fromForm: settingsFromForm,
    savedNotice: 'Saved. Bids placed from now on use these settings.',
  });
  const { view, loadError, whatIf, whatIfError, load } = pricing;

  return (
    <Card title="Succinct bids" className="wide">
      <p className="muted">
        What this machine bids on the Succinct Prover Network: break-even (a PGU&apos;s cost under the cost model above, at this machine&apos;s measured
        speed, in PROVE at your price) plus your margin, never below the floor, rounded up to the network&apos;s price step. Prices are in PROVE per
        billion PGU (prover gas units), as the network shows them.
      </p>
      {loadError !== null && <ErrorNotice message={loadError} onRetry={() => void load(bridge)} />}
      {state.form === null ? (
        loadError === null && <p className="muted">Loading…</p>
      ) : (
        <SettingsForm label="Succinct bid settings" fields={SUCCINCT_FIELDS} form={state.form} state={state} saveLabel="Save bid settings" resetLabel="Reset bid settings to defaults" />
      )}
      {view !== null && <SuccinctExamplesTable view={view} unsaved={state.unsaved} />}
      {whatIfError !== null && <ErrorNotice message={whatIfError} />}
      <SuccinctWhatIfTable whatIf={whatIf} stale={state.stale} proveUsdMicros={state.settings?.proveUsdMicros ?? null} />
    </Card>
  );
}
