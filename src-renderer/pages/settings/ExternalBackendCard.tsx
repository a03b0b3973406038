// The command that proves work the native engine cannot (real zkSync batches, RISC Zero or SP1 programs):
// an argument per line, no shell, with placeholders for the job's input and output.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useBridge } from '../../bridge/context.js';
import { Card } from '../../components/Card.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { checkCommandTemplate } from '../../../src-main/core/api/provers-schemas.js';
import { errorMessage } from '../../errors.js';
import { useExternalBackendStore } from '../../stores/external-backend.js';
import { FormOutcome } from '../../components/FormOutcome.js';

const argumentsOf = (text: string): string[] => text.split('\n').map((line) => line.trim()).filter((line) => line !== '');

export function ExternalBackendCard() {
  const bridge = useBridge();
  const { view, loadError, load, save } = useExternalBackendStore();
  const [text, setText] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const fieldId = useId();

  useEffect(() => {
    void load(bridge);
  }, [bridge, load]);
  useEffect(() => {
    if (view !== null && text === null) setText((view.command ?? []).join('\n'));
  }, [view, text]);

  async function store(command: string[] | null, done: string) {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await save(bridge, command);
      if (command === null) setText('');
      setNotice(done);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const command = argumentsOf(text ?? '');
    const problems = checkCommandTemplate(command);
    if (problems.length > 0) {
      setNotice(null);
      setError(problems.join('; '));
      return;
    }
    void store(command, 'Saved. Jobs that are not circom circuits are proved with this command.');
  }

  return (
    <Card title="External prover" className="wide">
      {loadError !== null && <ErrorNotice message={loadError} onRetry={() => void load(bridge)} />}
      <p className="muted">
        Work the native engine cannot prove (real zkSync batches, RISC Zero or SP1 programs) goes to this command. It gets the job's input as
        an argument, writes the proof to standard output (or to {'{output_file}'}), logs to standard error, and exits non-zero when it fails.
      </p>
      {view !== null && text !== null && (
        <form className="command-form" onSubmit={submit} noValidate>
          <fieldset disabled={busy}>
            <div className="form-field">
              <label htmlFor={fieldId}>Command, one argument per line</label>
              <textarea
                id={fieldId}
                rows={4}
                value={text}
                spellCheck={false}
                onChange={(event) => {
                  setText(event.target.value);
                  setNotice(null);
                }}
                aria-invalid={error !== null ? true : undefined}
                aria-describedby={`${fieldId}-hint${error !== null ? ` ${fieldId}-error` : ''}`}
              />
              <span id={`${fieldId}-hint`} className="field-hint">
                Placeholders: {view.placeholders.join(', ')}. No shell: each line is passed as it is.
              </span>
              {error !== null && (
                <span id={`${fieldId}-error`} className="field-error">
                  {error}
                </span>
              )}
            </div>
            <div className="card-actions">
              <button type="submit">Save</button>
              <button type="button" disabled={view.command === null} onClick={() => void store(null, 'Removed. Such jobs now fail, saying an external prover is needed.')}>
                Remove
              </button>
            </div>
          </fieldset>
        </form>
      )}
      <FormOutcome notice={notice} />
    </Card>
  );
}
