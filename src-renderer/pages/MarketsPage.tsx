// The Markets page: the coordinators and markets this machine proves for, each on its card, with the buttons that
// connect a new one (batch API, donation, the Succinct Prover Network, Aztec epoch proof quotes) and the dialogs
// that add, edit and remove them.
import { useEffect, useState } from 'react';
import { useBridge } from '../bridge/context.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { errorMessage } from '../errors.js';
import { useMarketsStore, type Coordinator } from '../stores/markets.js';
import { CoordinatorCard } from './markets/CoordinatorCard.js';
import { CoordinatorDialog, type EditableKind } from './markets/CoordinatorDialog.js';
import { AztecDialog } from './markets/AztecDialog.js';
import { SuccinctDialog } from './markets/SuccinctDialog.js';
import { everyWhileVisible } from '../visibility.js';

/** What the scheduler is waiting for changes without an event (a poll that found nothing), so the page also looks again now and then. */
const REFRESH_MS = 5_000;

type MarketKind = 'succinct' | 'aztec';
type Dialog = { kind: EditableKind | MarketKind; existing?: Coordinator } | { removing: Coordinator } | null;

/** What removing this coordinator deletes from the keychain: nothing for an Aztec market whose prover node signs. */
function removedSecret(c: Pick<Coordinator, 'kind' | 'aztec'>): string {
  if (c.kind === 'aztec' && c.aztec?.submitQuotes === false) return '';
  return REMOVED_SECRET[c.kind] ?? '';
}

/** What removing a coordinator deletes from the keychain, by kind. */
const REMOVED_SECRET: Partial<Record<string, string>> = {
  'batch-api': ' Its participant ID is deleted from the keychain.',
  succinct: ' Its signing key is deleted from the keychain and cannot be recovered: move any stake off its address first.',
  aztec: " Its signing key is deleted from the keychain and cannot be recovered: withdraw its escrow's funds first, and wait until no claimed epoch's bond is at risk.",
};

export function MarketsPage() {
  const bridge = useBridge();
  const { coordinators, loadError, load, setPaused, setEnabled, remove } = useMarketsStore();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void load(bridge);
    return everyWhileVisible(REFRESH_MS, () => void load(bridge));
  }, [bridge, load]);

  /** Runs a row's command; its outcome (or the core's refusal) shows above the list. */
  async function run(id: string, action: () => Promise<string | null>) {
    setBusyId(id);
    setError(null);
    setNotice(null);
    try {
      setNotice(await action());
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusyId(null);
    }
  }

  function dialogDone(message: string) {
    setDialog(null);
    setError(null);
    setNotice(message);
  }

  function confirmRemove(c: Coordinator) {
    setDialog(null);
    void run(c.id, async () => {
      const removed = await remove(bridge, c.id);
      return removed.outcome === 'removed'
        ? `Removed ${c.name}.`
        : `${c.name} has ${removed.jobs} job(s) in the history, so it was disabled instead of removed.`;
    });
  }

  return (
    <div className="page">
      <h1>Markets</h1>
      <p className="page-intro muted">The coordinators this machine proves for. Secrets you enter here go to the keychain and are never shown again.</p>
      <div className="page-actions" role="group" aria-label="Connect a market">
        <button type="button" onClick={() => setDialog({ kind: 'batch-api' })}>
          Add batch-API coordinator
        </button>
        <button type="button" onClick={() => setDialog({ kind: 'donation' })}>
          Add donation coordinator
        </button>
        <button type="button" onClick={() => setDialog({ kind: 'succinct' })}>
          Connect to the Succinct Prover Network
        </button>
        <button type="button" onClick={() => setDialog({ kind: 'aztec' })}>
          Aztec epoch proof quotes
        </button>
      </div>
      {loadError !== null && <ErrorNotice message={loadError} onRetry={() => void load(bridge)} />}
      {error !== null && <ErrorNotice message={error} />}
      {notice !== null && (
        <p className="form-notice page-notice" role="status">
          {notice}
        </p>
      )}
      {coordinators === null ? (
        loadError === null && <p className="muted">Loading…</p>
      ) : coordinators.length === 0 ? (
        <p className="muted">No coordinators yet. Add one to start proving.</p>
      ) : (
        coordinators.map((c) => (
          <CoordinatorCard
            key={c.id}
            coordinator={c}
            busy={busyId === c.id}
            actions={{
              edit: () => setDialog({ kind: c.kind as EditableKind | MarketKind, existing: c }),
              setPaused: (paused) =>
                void run(c.id, async () => {
                  await setPaused(bridge, c.id, paused);
                  return paused ? `Paused ${c.name}.` : `Resumed ${c.name}.`;
                }),
              setEnabled: (enabled) =>
                void run(c.id, async () => {
                  await setEnabled(bridge, c.id, enabled);
                  return enabled ? `Enabled ${c.name}.` : `Disabled ${c.name}.`;
                }),
              remove: () => setDialog({ removing: c }),
            }}
          />
        ))
      )}

      {dialog !== null && 'removing' in dialog && (
        <ConfirmDialog
          title="Remove coordinator"
          message={`Remove ${dialog.removing.name}?${removedSecret(dialog.removing)} If jobs refer to it, it is disabled instead and stays in their history.`}
          confirmLabel="Remove"
          onConfirm={() => confirmRemove(dialog.removing)}
          onCancel={() => setDialog(null)}
        />
      )}
      {dialog !== null && 'kind' in dialog && dialog.kind === 'succinct' && (
        <SuccinctDialog existing={dialog.existing} onDone={dialogDone} onCancel={() => setDialog(null)} />
      )}
      {dialog !== null && 'kind' in dialog && dialog.kind === 'aztec' && (
        <AztecDialog existing={dialog.existing} onDone={dialogDone} onCancel={() => setDialog(null)} />
      )}
      {dialog !== null && 'kind' in dialog && dialog.kind !== 'succinct' && dialog.kind !== 'aztec' && (
        <CoordinatorDialog kind={dialog.kind} existing={dialog.existing} onDone={dialogDone} onCancel={() => setDialog(null)} />
      )}
    </div>
  );
}
