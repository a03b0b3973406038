// How this machine bids on the Succinct Prover Network: the PROVE price, margin and floor, the example prices at
// this machine's speed, and what recent requests would have been bid under the settings being typed (debounced),
// so a shop can go from measured speed to break-even to margin to what it would have won.
import { useEffect, useState, type FormEvent } from 'react';
import { useBridge } from '../../bridge/context.js';
import { Card } from '../../components/Card.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { FormOutcome } from '../../components/FormOutcome.js';
import { TextField } from '../../components/TextField.js';
import { useSaveAction } from '../../save-action.js';
import { useSuccinctPricingStore } from '../../stores/succinct-pricing.js';
import { everyWhileVisible } from '../../visibility.js';
import { formFromSettings, settingsFromForm, SUCCINCT_FIELDS, type SuccinctFieldKey, type SuccinctForm } from './succinct-bid-form.js';
import { SuccinctExamplesTable } from './SuccinctExamplesTable.js';
import { SuccinctWhatIfTable } from './SuccinctWhatIfTable.js';

/** The what-if is asked for once typing pauses this long. */
const WHAT_IF_DEBOUNCE_MS = 300;
/** Requests come in without an event (a bid is not a job), so the what-if looks again now and then. */
const WHAT_IF_REFRESH_MS = 10_000;

export function SuccinctBidsCard() {
  const bridge = useBridge();
  const { view, loadError, whatIf, whatIfError, load, loadWhatIf, refreshWhatIf, save } = useSuccinctPricingStore();
  const [form, setForm] = useState<SuccinctForm | null>(null);
  const { busy, notice, error: saveError, clearNotice, run } = useSaveAction();

  useEffect(() => {
    void load(bridge);
    return everyWhileVisible(WHAT_IF_REFRESH_MS, () => void refreshWhatIf(bridge));
  }, [bridge, load, refreshWhatIf]);
  // The form starts from the saved settings once they have arrived (and again after a failed first load).
  const saved = view?.settings ?? null;
  useEffect(() => {
    if (saved !== null && form === null) setForm(formFromSettings(saved));
  }, [saved, form]);

  const result = form === null ? null : settingsFromForm(form);
  const settings = result?.ok ? result.settings : null;
  const settingsKey = settings === null ? null : JSON.stringify(settings);
  useEffect(() => {
    if (settingsKey === null) return;
    const timer = setTimeout(() => void loadWhatIf(bridge, JSON.parse(settingsKey)), WHAT_IF_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [bridge, loadWhatIf, settingsKey]);

  const unsaved = settingsKey !== null && saved !== null && settingsKey !== JSON.stringify(saved);
  const errors = result !== null && !result.ok ? result.errors : {};

  function edit(key: SuccinctFieldKey, value: string) {
    clearNotice();
    setForm((current) => (current === null ? current : { ...current, [key]: value }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (settings === null) return;
    await run(async () => {
      await save(bridge, settings);
      return 'Saved. Bids placed from now on use these settings.';
    });
  }

  return (
    <Card title="Succinct bids" className="wide">
      <p className="muted">
        What this machine bids on the Succinct Prover Network: break-even (a PGU&apos;s cost under the cost model above, at this machine&apos;s measured
        speed, in PROVE at your price) plus your margin, never below the floor, rounded up to the network&apos;s price step. Prices are in PROVE per
        billion PGU (prover gas units), as the network shows them.
      </p>
      {loadError !== null && <ErrorNotice message={loadError} onRetry={() => void load(bridge)} />}
      {form === null ? (
        loadError === null && <p className="muted">Loading…</p>
      ) : (
        <form className="cost-form" onSubmit={(event) => void submit(event)} noValidate aria-label="Succinct bid settings">
          <fieldset disabled={busy}>
            <div className="cost-fields">
              {SUCCINCT_FIELDS.map(({ key, label, hint }) => (
                <TextField key={key} label={label} value={form[key]} onChange={(value) => edit(key, value)} error={errors[key]} hint={hint} inputMode="decimal" autoComplete="off" />
              ))}
            </div>
            <div className="card-actions">
              <button type="submit" disabled={settings === null || !unsaved}>
                Save bid settings
              </button>
              <button
                type="button"
                disabled={view === null}
                onClick={() => {
                  clearNotice();
                  if (view !== null) setForm(formFromSettings(view.defaults));
                }}
              >
                Reset bid settings to defaults
              </button>
              {unsaved && <span className="muted">Unsaved changes</span>}
            </div>
          </fieldset>
          <FormOutcome error={saveError} notice={notice} />
        </form>
      )}
      {view !== null && <SuccinctExamplesTable view={view} unsaved={unsaved} />}
      {whatIfError !== null && <ErrorNotice message={whatIfError} />}
      <SuccinctWhatIfTable whatIf={whatIf} stale={result !== null && !result.ok} proveUsdMicros={settings?.proveUsdMicros ?? null} />
    </Card>
  );
}
