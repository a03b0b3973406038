// A market dialog's state (Succinct, Aztec): the fields as typed, their errors, the core's refusal, and sending
// the checked input. The key field is emptied once the core has answered, whatever the answer; a key the core
// refuses is said at its field, any other refusal above the buttons.
import { useState } from 'react';
import { errorMessage } from '../../errors.js';
import { keyRefusal, type Checked, type FormErrors, type KeyChoice } from './market-form.js';
import type { SigningKeyFieldProps } from './SigningKeyField.js';

export function useMarketForm<Form extends KeyChoice, Field extends keyof Form & string>(initial: () => Form, onDone: (notice: string) => void) {
  const [form, setForm] = useState<Form>(initial);
  const [errors, setErrors] = useState<FormErrors<string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** A text field's value, its setter and its error, for a TextField. */
  const field = (key: Field) => ({ value: String(form[key]), onChange: (value: string) => setForm((shown) => ({ ...shown, [key]: value })), error: errors[key] });

  const keyField: Omit<SigningKeyFieldProps, 'editing' | 'requirement'> = {
    source: form.keySource,
    onSource: (keySource) => setForm((shown) => ({ ...shown, keySource, privateKey: '' })),
    privateKey: form.privateKey,
    onPrivateKey: (privateKey) => setForm((shown) => ({ ...shown, privateKey })),
    error: errors.privateKey,
  };

  /** Marks the fields the check refused, or sends the input; `send` resolves to the notice the page shows. */
  function submit<T>(checked: Checked<T, Field>, send: (input: T) => Promise<string>): void {
    setFailure(null);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    send(checked.input)
      .then(onDone, (error: unknown) => {
        const message = errorMessage(error);
        const aboutKey = keyRefusal(message);
        if (aboutKey === null) setFailure(message);
        else setErrors({ privateKey: aboutKey });
        setBusy(false);
      })
      .finally(() => setForm((shown) => ({ ...shown, privateKey: '' })));
  }

  return { form, setForm, failure, busy, field, keyField, submit };
}
