// Store, replace and delete the secret of an account. The value lives only in the password field until it
// is sent, and the field is cleared once the keychain has it.
import { useRef, useState, type FormEvent } from 'react';
import { useBridge } from '../../bridge/context.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { errorMessage } from '../../errors.js';
import { useSecretsStore } from '../../stores/secrets.js';
import { FormOutcome } from '../../components/FormOutcome.js';

export function SecretsEditor({ accounts, disabled }: { accounts: string[]; disabled: boolean }) {
  const bridge = useBridge();
  const saveSecret = useSecretsStore((store) => store.save);
  const removeSecret = useSecretsStore((store) => store.remove);
  const [account, setAccount] = useState('');
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pendingDelete, setPendingDelete] = useState<string | null>(null);
  const secretInput = useRef<HTMLInputElement>(null);

  async function run(action: () => Promise<string>) {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      setNotice(await action());
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  function save(event: FormEvent) {
    event.preventDefault();
    const name = account.trim();
    const replacing = accounts.includes(name);
    void run(async () => {
      await saveSecret(bridge, name, secret);
      setSecret('');
      setAccount('');
      return replacing ? `Replaced the secret for ${name}.` : `Stored the secret for ${name}.`;
    });
  }

  function startReplace(name: string) {
    setAccount(name);
    setError(null);
    setNotice(`Enter the new secret for ${name}, then Save.`);
    secretInput.current?.focus();
  }

  function confirmDelete(name: string) {
    setPendingDelete(null);
    void run(async () => {
      const deleted = await removeSecret(bridge, name);
      return deleted ? `Deleted the secret for ${name}.` : `There was no secret stored for ${name}.`;
    });
  }

  return (
    <div className="secrets-editor">
      <form className="secret-form" onSubmit={save}>
        <fieldset disabled={disabled || busy}>
          <legend>Store a secret</legend>
          <label>
            Account
            <input
              data-testid="secret-account"
              value={account}
              onChange={(event) => setAccount(event.target.value)}
              placeholder="e.g. batch-api:participant"
              autoComplete="off"
              spellCheck={false}
            />
          </label>
          <label>
            Secret
            <input
              ref={secretInput}
              data-testid="secret-value"
              type="password"
              value={secret}
              onChange={(event) => setSecret(event.target.value)}
              autoComplete="new-password"
            />
          </label>
          <button type="submit" data-testid="secret-save" disabled={account.trim() === '' || secret === ''}>
            Save
          </button>
        </fieldset>
      </form>
      <FormOutcome error={error} notice={notice} errorTestId="secret-error" />

      <h3>Stored secrets</h3>
      {accounts.length === 0 ? (
        <p className="muted">No secrets stored yet.</p>
      ) : (
        <ul className="secret-list">
          {accounts.map((name) => (
            <li key={name} data-testid="secret-row">
              <span className="secret-account">{name}</span>
              <span className="badge badge-ok">stored</span>
              <span className="row-actions">
                <button type="button" disabled={disabled || busy} onClick={() => startReplace(name)}>
                  Replace
                </button>
                <button
                  type="button"
                  className="danger"
                  disabled={disabled || busy}
                  onClick={() => setPendingDelete(name)}
                >
                  Delete
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}

      {pendingDelete !== null && (
        <ConfirmDialog
          title="Delete secret"
          message={`Delete the secret for ${pendingDelete}? ProverDesk can no longer use it; this cannot be undone.`}
          confirmLabel="Delete"
          onConfirm={() => confirmDelete(pendingDelete)}
          onCancel={() => setPendingDelete(null)}
        />
      )}
    </div>
  );
}
