// A market's pricing settings as a form (Succinct bids, Aztec quotes): a field per setting in its shown unit with
// its hint and error, Save (while there are valid unsaved changes), Reset to the defaults (not saved until Save),
// and what became of the last save.
import { FormOutcome } from '../../components/FormOutcome.js';
import { TextField } from '../../components/TextField.js';
import type { UnitForm } from './unit-fields.js';
import type { SettingsFormState } from './use-settings-form.js';

interface SettingsFormProps<Key extends string> {
  /** The form's accessible name. */
  label: string;
  fields: readonly { key: Key; label: string; hint: string }[];
  /** The fields' text, once the saved settings have arrived. */
  form: UnitForm<Key>;
  state: SettingsFormState<Key, unknown>;
  saveLabel: string;
  resetLabel: string;
}

export function SettingsForm<Key extends string>({ label, fields, form, state, saveLabel, resetLabel }: SettingsFormProps<Key>) {
  return (
    <form className="cost-form" onSubmit={(event) => void state.submit(event)} noValidate aria-label={label}>
      <fieldset disabled={state.busy}>
        <div className="cost-fields">
          {fields.map(({ key, label: fieldLabel, hint }) => (
            <TextField key={key} label={fieldLabel} value={form[key]} onChange={(value) => state.edit(key, value)} error={state.errors[key]} hint={hint} inputMode="decimal" autoComplete="off" />
          ))}
        </div>
        <div className="card-actions">
          <button type="submit" disabled={!state.unsaved}>
            {saveLabel}
          </button>
          <button type="button" disabled={!state.canReset} onClick={state.reset}>
            {resetLabel}
          </button>
          {state.unsaved && <span className="muted">Unsaved changes</span>}
        </div>
      </fieldset>
      <FormOutcome error={state.saveError} notice={state.notice} />
    </form>
  );
}
