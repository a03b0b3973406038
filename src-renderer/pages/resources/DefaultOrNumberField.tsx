// A setting that is either this machine's default or a number the user sets: two radio buttons, and the
// number's field, which counts (and is enabled) only when "set" is chosen.
import { useId } from 'react';
import { TextField } from '../../components/TextField.js';
import type { OptionalNumber } from './resources-form.js';

interface DefaultOrNumberFieldProps {
  legend: string;
  defaultLabel: string;
  setLabel: string;
  fieldLabel: string;
  value: OptionalNumber;
  onChange(value: OptionalNumber): void;
  hint?: string | undefined;
  error?: string | undefined;
}

export function DefaultOrNumberField({ legend, defaultLabel, setLabel, fieldLabel, value, onChange, hint, error }: DefaultOrNumberFieldProps) {
  const name = useId();
  return (
    <fieldset className="choice-field">
      <legend>{legend}</legend>
      <label className="choice">
        <input type="radio" name={name} checked={!value.set} onChange={() => onChange({ ...value, set: false })} /> {defaultLabel}
      </label>
      <label className="choice">
        <input type="radio" name={name} checked={value.set} onChange={() => onChange({ ...value, set: true })} /> {setLabel}
      </label>
      <TextField
        label={fieldLabel}
        value={value.text}
        onChange={(text) => onChange({ ...value, text })}
        disabled={!value.set}
        hint={hint}
        error={error}
        inputMode="decimal"
        autoComplete="off"
      />
    </fieldset>
  );
}
