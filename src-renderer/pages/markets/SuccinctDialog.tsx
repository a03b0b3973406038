// Connect to the Succinct Prover Network, or edit a connection, in a modal form: where the network is, which
// circuit version and chain, how fast this prover is and how much work it takes on, and the signing key. The key
// lives only in its password field until sent, and the field is cleared once the core has answered.
import { useBridge } from '../../bridge/context.js';
import { TextField } from '../../components/TextField.js';
import { useMarketsStore, type Coordinator } from '../../stores/markets.js';
import { FormDialog } from './FormDialog.js';
import { SigningKeyField } from './SigningKeyField.js';
import { addInput, emptySuccinctForm, formFromRow, updateInput, type SuccinctField, type SuccinctForm } from './succinct-form.js';
import { useMarketForm } from './use-market-form.js';

interface SuccinctDialogProps {
  /** Absent: a new connection. */
  existing?: Coordinator | undefined;
  onDone(notice: string): void;
  onCancel(): void;
}

const STAKE = 'Bidding needs at least 1000 PROVE staked to this prover on the network.';

export function SuccinctDialog({ existing, onDone, onCancel }: SuccinctDialogProps) {
  const bridge = useBridge();
  const add = useMarketsStore((store) => store.add);
  const update = useMarketsStore((store) => store.update);
  const { form, failure, busy, field, keyField, submit } = useMarketForm<SuccinctForm, SuccinctField>(() => (existing ? formFromRow(existing) : emptySuccinctForm()), onDone);
  const title = existing ? `Edit ${existing.name}` : 'Connect to the Succinct Prover Network';

  function send() {
    if (existing) {
      submit(updateInput(existing.id, form), async (input) => {
        await update(bridge, input);
        return `Saved ${input.name}.`;
      });
    } else {
      submit(addInput(form), async (input) => {
        const added = await add(bridge, input);
        return `Added ${added.name}. Stake at least 1000 PROVE to its prover address (on its card) before it can bid.`;
      });
    }
  }

  return (
    <FormDialog title={title} editing={existing !== undefined} busy={busy} failure={failure} onSubmit={send} onCancel={onCancel}>
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
      <SigningKeyField editing={existing !== undefined} requirement={STAKE} {...keyField} />
    </FormDialog>
  );
}
