import { useBridge } from '../../bridge/context.js';
import { Card } from '../../components/Card.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { useSecretsStore } from '../../stores/secrets.js';
import { SecretsEditor } from './SecretsEditor.js';

export function KeychainCard() {
  const bridge = useBridge();
  const status = useSecretsStore((store) => store.status);
  const loadError = useSecretsStore((store) => store.loadError);
  const refresh = useSecretsStore((store) => store.refresh);

  return (
    <Card title="Keychain" className="wide">
      {loadError !== null && <ErrorNotice message={loadError} onRetry={() => void refresh(bridge)} />}
      {status === null ? (
        loadError === null && <p className="muted">Asking the keychain…</p>
      ) : (
        <>
          {status.available ? (
            <p data-testid="keychain-status">
              <span className="badge badge-ok">available</span> Secrets are kept in {status.backend}, under the
              service name <code>{status.service}</code>. This page can store and delete them, never read them.
            </p>
          ) : (
            <div className="notice notice-error keychain-problem" role="alert" data-testid="keychain-status">
              <strong>The keychain is not available.</strong> {status.problem ?? `${status.backend} did not answer.`}
            </div>
          )}
          <SecretsEditor accounts={status.accounts.map((entry) => entry.account)} disabled={!status.available} />
        </>
      )}
    </Card>
  );
}
