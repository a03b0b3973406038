// Settings → Desktop: what the desktop app does around its window (start at login, closing to the tray,
// notifications, the UI's hardware acceleration). Headless, they are kept and shown, but apply only in the desktop app.
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { DesktopSettings } from '../../../src-main/core/api/desktop-schemas.js';
import { useBridge } from '../../bridge/context.js';
import { Card } from '../../components/Card.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { useSaveAction } from '../../save-action.js';
import { useAppInfoStore } from '../../stores/app-info.js';
import { useDesktopStore } from '../../stores/desktop.js';
import { CheckboxField } from '../resources/CheckboxField.js';
import { FormOutcome } from '../../components/FormOutcome.js';

const START_AT_LOGIN: ChoiceList<DesktopSettings['startAtLogin']> = [
  ['off', 'Off'],
  ['on', 'On'],
  ['minimised', 'On, minimised to the tray'],
];

const HARDWARE_ACCELERATION: ChoiceList<DesktopSettings['hardwareAcceleration']> = [
  ['auto', 'Automatic: off when this machine proves on a GPU'],
  ['on', 'On'],
  ['off', 'Off'],
];

const NOTIFICATIONS: [keyof DesktopSettings['notifications'], string][] = [
  ['jobFailed', 'A job failed'],
  ['jobRejected', 'A proof was rejected'],
  ['deadlineAtRisk', 'A job may miss its deadline'],
  ['marketDisconnected', 'A market cannot be reached for 10 minutes'],
  ['dailySummary', 'A summary of the day, at 20:00'],
];

export function DesktopCard() {
  const bridge = useBridge();
  const { view, loadError, load, save } = useDesktopStore();
  const platform = useAppInfoStore((store) => store.info?.platform);
  const [form, setForm] = useState<DesktopSettings | null>(null);
  const { busy, notice, error, clearNotice, run } = useSaveAction();

  useEffect(() => {
    void load(bridge);
  }, [bridge, load]);
  useEffect(() => {
    if (view !== null && form === null) setForm(view.settings);
  }, [view, form]);

  const unsaved = form !== null && view !== null && JSON.stringify(form) !== JSON.stringify(view.settings);
  const edit = (next: Partial<DesktopSettings>) => {
    clearNotice();
    setForm((current) => (current === null ? current : { ...current, ...next }));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (form === null || view === null) return;
    const accelerationChanged = form.hardwareAcceleration !== view.settings.hardwareAcceleration;
    await run(async () => {
      await save(bridge, form);
      if (!view.applies) return 'Saved. They take effect when ProverDesk runs as the desktop app.';
      return accelerationChanged ? 'Saved. Hardware acceleration changes at the next start.' : 'Saved.';
    });
  }

  return (
    <Card title="Desktop" className="wide">
      {loadError !== null && <ErrorNotice message={loadError} onRetry={() => void load(bridge)} />}
      {view !== null && !view.applies && (
        <p className="muted" role="note">
          ProverDesk is running headless here: these settings are kept, and take effect in the desktop app.
        </p>
      )}
      {form !== null && view !== null && (
        <form className="resources-form" onSubmit={(event) => void submit(event)} noValidate>
          <fieldset disabled={busy}>
            <div className="resource-group">
              <ChoiceField legend="Start at login" choices={START_AT_LOGIN} value={form.startAtLogin} onChange={(startAtLogin) => edit({ startAtLogin })} />
            </div>
            <div className="resource-group">
              <CheckboxField
                label="Keep proving in the tray when the window is closed"
                checked={form.closeToTray}
                onChange={(closeToTray) => edit({ closeToTray })}
                hint={platform === 'darwin' ? 'On macOS closing the window never quits ProverDesk; ⌘Q or the menu bar icon does.' : 'Off: closing the window quits ProverDesk.'}
              />
            </div>
            <div className="resource-group">
              <fieldset>
                <legend>Notifications</legend>
                {NOTIFICATIONS.map(([kind, label]) => (
                  <CheckboxField
                    key={kind}
                    label={label}
                    checked={form.notifications[kind]}
                    onChange={(on) => edit({ notifications: { ...form.notifications, [kind]: on } })}
                  />
                ))}
              </fieldset>
            </div>
            <div className="resource-group">
              <ChoiceField
                legend="Hardware acceleration of the interface"
                choices={HARDWARE_ACCELERATION}
                value={form.hardwareAcceleration}
                onChange={(hardwareAcceleration) => edit({ hardwareAcceleration })}
                hint="Applies at the next start. Off keeps the interface from competing with proving for the GPU."
              />
            </div>
            <div className="card-actions">
              <button type="submit" disabled={!unsaved}>
                Save
              </button>
              {unsaved && <span className="muted">Unsaved changes</span>}
            </div>
          </fieldset>
        </form>
      )}
      <FormOutcome error={error} notice={notice} />
    </Card>
  );
}

type ChoiceList<T extends string> = readonly (readonly [T, string])[];

/** One of a few values, as radio buttons under a legend. */
function ChoiceField<T extends string>({ legend, choices, value, onChange, hint }: { legend: string; choices: ChoiceList<T>; value: T; onChange(value: T): void; hint?: string }) {
  const name = useId();
  return (
    <fieldset className="choice-field" aria-describedby={hint === undefined ? undefined : `${name}-hint`}>
      <legend>{legend}</legend>
      {choices.map(([choice, label]) => (
        <label key={choice} className="choice">
          <input type="radio" name={name} checked={value === choice} onChange={() => onChange(choice)} /> {label}
        </label>
      ))}
      {hint !== undefined && (
        <span id={`${name}-hint`} className="field-hint">
          {hint}
        </span>
      )}
    </fieldset>
  );
}
