// Settings → Resources: how much of this machine proving may use, and when. One form, saved as a whole.
import { useEffect, useState, type FormEvent } from 'react';
import { useBridge } from '../bridge/context.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { useResourcesStore } from '../stores/resources.js';
import { CpuCard } from './resources/CpuCard.js';
import { GpuCard } from './resources/GpuCard.js';
import { HeatCard } from './resources/HeatCard.js';
import { MemoryCard } from './resources/MemoryCard.js';
import { PriorityCard } from './resources/PriorityCard.js';
import { formFromSettings, settingsFromForm, type EditResourcesForm, type ResourcesCardProps, type ResourcesForm } from './resources/resources-form.js';
import { WhenToRunCard } from './resources/WhenToRunCard.js';
import { FormOutcome } from '../components/FormOutcome.js';
import { useSaveAction } from '../save-action.js';

export function ResourcesPage() {
  const bridge = useBridge();
  const { view, loadError, load, save } = useResourcesStore();
  const [form, setForm] = useState<ResourcesForm | null>(null);
  const { busy, notice, error: saveError, clearNotice, run } = useSaveAction();

  useEffect(() => {
    void load(bridge);
  }, [bridge, load]);
  // The form starts from the saved settings once they have arrived (and again after a failed first load).
  useEffect(() => {
    if (view !== null && form === null) setForm(formFromSettings(view.settings, view.facts));
  }, [view, form]);

  const result = form === null || view === null ? null : settingsFromForm(form, view.facts);
  const unsaved = result?.ok === true && view !== null && JSON.stringify(result.settings) !== JSON.stringify(view.settings);

  const edit: EditResourcesForm = (key, value) => {
    clearNotice();
    setForm((current) => (current === null ? current : { ...current, [key]: value }));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (result === null || !result.ok) return;
    const { settings } = result;
    await run(async () => {
      await save(bridge, settings);
      return 'Saved. The limits apply to the running job at once; a new number of threads from the next job.';
    });
  }

  return (
    <div className="page">
      <h1>Resources</h1>
      <p className="page-intro muted">How much of this machine proving may use, and when.</p>
      {loadError !== null && <ErrorNotice message={loadError} onRetry={() => void load(bridge)} />}
      {form === null || view === null || result === null ? (
        loadError === null && <p className="muted">Loading…</p>
      ) : (
        <form className="resources-form" onSubmit={(event) => void submit(event)} noValidate>
          <ResourceCards form={form} facts={view.facts} errors={result.ok ? {} : result.errors} edit={edit} busy={busy} />
          <div className="page-actions resources-actions">
            <button type="submit" disabled={busy || !result.ok || !unsaved}>
              Save
            </button>
            {!result.ok && <span className="field-error">Some fields need fixing before saving.</span>}
            {unsaved && <span className="muted">Unsaved changes</span>}
            <FormOutcome error={saveError} notice={notice} inline />
          </div>
        </form>
      )}
    </div>
  );
}

function ResourceCards({ busy, ...card }: ResourcesCardProps & { busy: boolean }) {
  return (
    <fieldset disabled={busy}>
      <div className="card-grid">
        <CpuCard {...card} />
        <MemoryCard {...card} />
        <GpuCard {...card} />
      </div>
      <WhenToRunCard {...card} />
      <div className="card-grid">
        <HeatCard {...card} />
        <PriorityCard {...card} />
      </div>
    </fieldset>
  );
}
