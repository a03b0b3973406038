// Connect an Aztec market for epoch proof quotes, or edit one, in a modal form: the node and the L1 it reads,
// the chain and rollup the quotes are signed for, where the quote provider listens for the prover node, and the
// signing key. The key lives only in its password field until sent, and the field is cleared once the core has
// answered. The dialog opens with the plain statement that current Aztec networks take no quotes.
import { useBridge } from '../../bridge/context.js';
import { TextField } from '../../components/TextField.js';
import { useMarketsStore, type Coordinator } from '../../stores/markets.js';
import { CheckboxField } from '../resources/CheckboxField.js';
import { addInput, emptyAztecForm, formFromRow, updateInput, type AztecField, type AztecForm } from './aztec-form.js';
import { AztecQuoteEraNote } from './AztecQuoteEraNote.js';
import { FormDialog } from './FormDialog.js';
import { SigningKeyField } from './SigningKeyField.js';
import { useMarketForm } from './use-market-form.js';

interface AztecDialogProps {
  /** Absent: a new connection. */
  existing?: Coordinator | undefined;
  onDone(notice: string): void;
  onCancel(): void;
}

const AZTEC_DIALOG_TITLE = 'Connect an Aztec market for epoch proof quotes';
const BOND =
  "This address is the prover named in each quote: its escrow on the rollup must hold the bond of every quote (set on the Pricing page), or the proposer cannot claim the epoch with it.";

export function AztecDialog({ existing, onDone, onCancel }: AztecDialogProps) {
  const bridge = useBridge();
  const add = useMarketsStore((store) => store.add);
  const update = useMarketsStore((store) => store.update);
  const { form, setForm, failure, busy, field, keyField, submit } = useMarketForm<AztecForm, AztecField>(() => (existing ? formFromRow(existing) : emptyAztecForm()), onDone);
  const title = existing ? `Edit ${existing.name}` : AZTEC_DIALOG_TITLE;

  function send() {
    if (existing) {
      submit(updateInput(existing.id, form), async (input) => {
        await update(bridge, input);
        return `Saved ${input.name}.`;
      });
    } else {
      submit(addInput(form), async (input) => {
        const added = await add(bridge, input);
        return `Added ${added.name}. Point the prover node's QUOTE_PROVIDER_URL at its quote provider (on its card), and fund its escrow with the bond.`;
      });
    }
  }

  return (
    <FormDialog title={title} editing={existing !== undefined} busy={busy} failure={failure} onSubmit={send} onCancel={onCancel}>
      <AztecQuoteEraNote />
      <TextField label="Name" {...field('name')} autoComplete="off" />
      <TextField label="Node URL" {...field('nodeUrl')} type="url" placeholder="http://" hint="The Aztec node's JSON-RPC: quotes are sent to it." autoComplete="off" spellCheck={false} />
      <TextField label="L1 RPC URL" {...field('l1RpcUrl')} type="url" hint="Optional: the L1 node that claims and payouts are read from; empty uses the node's URL." autoComplete="off" spellCheck={false} />
      <TextField label="Chain ID" {...field('chainId')} inputMode="numeric" hint="The L1 chain's id, signed into each quote: 1 for mainnet, 11155111 for Sepolia, 31337 for a local devnet." autoComplete="off" />
      <TextField label="Rollup address" {...field('rollupAddress')} hint="The Rollup contract on L1 (0x and 40 hexadecimal digits): the quotes are signed for it." autoComplete="off" spellCheck={false} />
      <TextField
        label="Quote provider host"
        {...field('providerHost')}
        hint="Where the quote provider listens: 127.0.0.1 for a prover node on this machine, 0.0.0.0 to let one on another machine reach it."
        autoComplete="off"
        spellCheck={false}
      />
      <TextField label="Quote provider port" {...field('providerPort')} inputMode="numeric" hint="0 takes any free port at each start; set one to give the prover node a fixed address." autoComplete="off" />
      <TextField label="Slots per epoch" {...field('slotsPerEpoch')} inputMode="numeric" hint="The network's epoch length (32 on quote-era networks): a quote's validity counts from its end." autoComplete="off" />
      <CheckboxField
        label="Sign quotes here and send them to the node"
        checked={form.submitQuotes}
        onChange={(submitQuotes) => setForm((shown) => ({ ...shown, submitQuotes }))}
        hint="Off, the quote provider only answers the prover node, which signs and sends the quotes itself."
      />
      {form.submitQuotes ? (
        <SigningKeyField editing={existing !== undefined} requirement={BOND} {...keyField} />
      ) : (
        <TextField
          label="Prover node's address"
          {...field('proverAddress')}
          hint="The prover node's publisher address (PROVER_PUBLISHER_PRIVATE_KEY's): no key is kept here; its claims and payouts are found by this address."
          autoComplete="off"
          spellCheck={false}
        />
      )}
    </FormDialog>
  );
}
