// The Pricing page: the cost model (edited with a live preview on recent proofs), this machine's measured speed,
// and each market's own pricing: Succinct bids and Aztec quotes.
import { useEffect, useState, type FormEvent } from 'react';
import { useBridge } from '../bridge/context.js';
import { Card } from '../components/Card.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { TextField } from '../components/TextField.js';
import { usePricingStore } from '../stores/pricing.js';
import { COST_FIELDS, formFromModel, modelFromForm, type CostFieldKey, type CostForm } from './pricing/cost-model-form.js';
import { CalibrationCard } from './pricing/CalibrationCard.js';
import { PricingPreviewCard } from './pricing/PricingPreviewCard.js';
import { SuccinctBidsCard } from './pricing/SuccinctBidsCard.js';
import { AztecQuotesCard } from './pricing/AztecQuotesCard.js';
import { FormOutcome } from '../components/FormOutcome.js';
import { useSaveAction } from '../save-action.js';

/** The preview is asked for once typing pauses this long. */
const PREVIEW_DEBOUNCE_MS = 300;

export function PricingPage() {
  const bridge = useBridge();
  const { saved, defaults, estimatedPowerWatts, loadError, preview, previewError, load, loadPreview, save } = usePricingStore();
  const [form, setForm] = useState<CostForm | null>(null);
  const { busy, notice, error: saveError, clearNotice, run } = useSaveAction();

  useEffect(() => {
    void load(bridge);
  }, [bridge, load]);
  // The form starts from the saved model once it has arrived (and again after a failed first load).
  useEffect(() => {
    if (saved !== null && form === null) setForm(formFromModel(saved));
  }, [saved, form]);

  const result = form === null ? null : modelFromForm(form);
  const model = result?.ok ? result.model : null;
  const modelKey = model === null ? null : JSON.stringify(model);
  useEffect(() => {
    if (modelKey === null) return;
    const timer = setTimeout(() => void loadPreview(bridge, JSON.parse(modelKey)), PREVIEW_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [bridge, loadPreview, modelKey]);

  const unsaved = modelKey !== null && saved !== null && modelKey !== JSON.stringify(saved);
  const errors = result !== null && !result.ok ? result.errors : {};

  function edit(key: CostFieldKey, value: string) {
    clearNotice();
    setForm((current) => (current === null ? current : { ...current, [key]: value }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (model === null) return;
    await run(async () => {
      await save(bridge, model);
      return 'Saved. Proofs made from now on are priced with this model.';
    });
  }

  return (
    <div className="page">
      <h1>Pricing</h1>
      {loadError !== null && <ErrorNotice message={loadError} onRetry={() => void load(bridge)} />}
      <Card title="Cost model" className="wide">
        {form === null ? (
          loadError === null && <p className="muted">Loading…</p>
        ) : (
          <form className="cost-form" onSubmit={(event) => void submit(event)} noValidate>
            <p className="muted">
              What a proof costs this machine, from how long it took to prove, and the least it asks: cost plus margin, never below the minimum price.
            </p>
            <fieldset disabled={busy}>
              <div className="cost-fields">
                {COST_FIELDS.map(({ key, label }) => (
                  <TextField
                    key={key}
                    label={label}
                    value={form[key]}
                    onChange={(value) => edit(key, value)}
                    error={errors[key]}
                    hint={key === 'powerWatts' && estimatedPowerWatts !== null ? `About ${estimatedPowerWatts} W estimated for this machine.` : undefined}
                    inputMode={key === 'marginPercent' ? 'decimal' : 'numeric'}
                    autoComplete="off"
                  />
                ))}
              </div>
              <div className="card-actions">
                <button type="submit" disabled={model === null || !unsaved}>
                  Save
                </button>
                <button
                  type="button"
                  disabled={defaults === null}
                  onClick={() => {
                    clearNotice();
                    if (defaults !== null) setForm(formFromModel(defaults));
                  }}
                >
                  Reset to defaults
                </button>
                {unsaved && <span className="muted">Unsaved changes</span>}
              </div>
            </fieldset>
            <FormOutcome error={saveError} notice={notice} />
          </form>
        )}
      </Card>
      {previewError !== null && <ErrorNotice message={previewError} />}
      <PricingPreviewCard preview={preview} stale={result !== null && !result.ok} />
      <CalibrationCard />
      <SuccinctBidsCard />
      <AztecQuotesCard />
    </div>
  );
}
