// Connect to the Succinct Prover Network, or edit a connection, in a modal form: where the network is, which
// circuit version and chain, how fast this prover is and how much work it takes on, and the signing key. The key
// lives only in its password field until sent, and the field is cleared once the core has answered.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useBridge } from '../../bridge/context.js';
import { TextField } from '../../components/TextField.js';
import { errorMessage } from '../../errors.js';
import { useMarketsStore, type Coordinator } from '../../stores/markets.js';
import { addInput, emptySuccinctForm, formFromRow, keyRefusal, updateInput, type SuccinctField, type SuccinctForm, type SuccinctFormErrors } from './succinct-form.js';
import { SuccinctKeyField } from './SuccinctKeyField.js';

interface SuccinctDialogProps {
  /** Absent: a new connection. */
  existing?: Coordinator | undefined;
  onDone(notice: string): void;
  onCancel(): void;
}

export function SuccinctDialog({ existing, onDone, onCancel }: SuccinctDialogProps) {
  const bridge = useBridge();
  const add = useMarketsStore((store) => store.add);
  const update = useMarketsStore((store) => store.update);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [form, setForm] = useState<SuccinctForm>(() => (existing ? formFromRow(existing) : emptySuccinctForm()));
  const [errors, setErrors] = useState<SuccinctFormErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const dialog = dialogRef.current!;
    dialog.showModal();
    return () => dialog.close();
  }, []);

  const title = existing ? `Edit ${existing.name}` : 'Connect to the Succinct Prover Network';
  const field = (key: SuccinctField) => ({ value: form[key], onChange: (value: string) => setForm((shown) => ({ ...shown, [key]: value })), error: errors[key] });

  /** Sends the checked input; the key field is emptied whatever the answer, and a refused key is said at its field. */
  async function send(run: () => Promise<string>) {
    setBusy(true);
    try {
      onDone(await run());
    } catch (error) {
      const message = errorMessage(error);
      const aboutKey = keyRefusal(message);
      if (aboutKey === null) setFailure(message);
      else setErrors({ privateKey: aboutKey });
      setBusy(false);
    } finally {
      setForm((shown) => ({ ...shown, privateKey: '' }));
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    setErrors({});
    if (existing) {
      const checked = updateInput(existing.id, form);
      if (!checked.ok) return setErrors(checked.errors);
      void send(async () => {
        await update(bridge, checked.input);
        return `Saved ${checked.input.name}.`;
      });
    } else {
      const checked = addInput(form);
      if (!checked.ok) return setErrors(checked.errors);
      void send(async () => {
        const added = await add(bridge, checked.input);
        return `Added ${added.name}. Stake at least 1000 PROVE to its prover address (on its card) before it can bid.`;
      });
    }
  }

  return (
    // Escape closes a modal dialog by itself; onCancel keeps React's state in step.
    <dialog ref={dialogRef} className="form-dialog" aria-label={title} onCancel={onCancel}>
      <h2>{title}</h2>
      <form onSubmit={submit} noValidate>
        <fieldset disabled={busy}>
          <TextField label="Name" {...field('name')} autoComplete="off" />
          <TextField label="RPC URL" {...field('url')} type="url" hint="The network's gRPC endpoint; mainnet's is the default." autoComplete="off" spellCheck={false} />
          <TextField label="Circuit version" {...field('version')} hint="The SP1 release whose requests this prover bids on." autoComplete="off" spellCheck={false} />
          <TextField label="Chain ID" {...field('chainId')} inputMode="numeric" hint="1 for mainnet, 11155111 for Sepolia." autoComplete="off" />
          <TextField
            label="Throughput (PGU/s)"
            {...field('throughputPgusPerS')}
            inputMode="decimal"
            hint="Your SP1 prover's speed, in PGU (prover gas units) per second: requests it could not finish before their deadline at this speed are skipped."
            autoComplete="off"
          />
          <TextField label="Max outstanding bids and proofs" {...field('maxOutstanding')} inputMode="numeric" hint="Open bids and won requests not yet proven, at most." autoComplete="off" />
          <TextField label="Max gas (PGU)" {...field('maxGasLimit')} inputMode="numeric" hint="Optional: skip requests larger than this." autoComplete="off" />
          <SuccinctKeyField
            editing={existing !== undefined}
            source={form.keySource}
            onSource={(keySource) => setForm((shown) => ({ ...shown, keySource, privateKey: '' }))}
            privateKey={form.privateKey}
            onPrivateKey={(privateKey) => setForm((shown) => ({ ...shown, privateKey }))}
            error={errors.privateKey}
          />
          {failure !== null && (
            <p className="form-error" role="alert">
              {failure}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={onCancel}>
              Cancel
            </button>
            <button type="submit">{existing ? 'Save' : 'Connect'}</button>
          </div>
        </fieldset>
      </form>
    </dialog>
  );
}
