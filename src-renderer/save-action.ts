// A form's save as its page shows it: busy while it runs, then the confirmation it returns or the core's refusal.
import { useState } from 'react';
import { errorMessage } from './errors.js';

export function useSaveAction() {
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** Runs the save; what it resolves to is the confirmation shown. */
  async function run(save: () => Promise<string>): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      setNotice(await save());
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }
  return { busy, notice, error, clearNotice: () => setNotice(null), run };
}
