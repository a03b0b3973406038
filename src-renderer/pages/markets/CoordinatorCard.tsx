// One coordinator on the Markets page: its status, settings (never a secret), job counts and last error, with
// the actions its kind allows, for a market that bids its bids and for one that quotes its quotes. The built-in
// practice market can only be enabled or disabled; its markets show their settings as real ones do.
import { Card } from '../../components/Card.js';
import type { Coordinator } from '../../stores/markets.js';
import { AztecFacts } from './AztecFacts.js';
import { AztecQuoteEraNote } from './AztecQuoteEraNote.js';
import { BidsPanel } from './BidsPanel.js';
import { coordinatorStatus, isAztecMarket, isSuccinctMarket, kindLabel } from './coordinator-text.js';
import { CopyableText } from './CopyableText.js';
import { QuotesPanel } from './QuotesPanel.js';
import { SuccinctFacts } from './SuccinctFacts.js';

export interface CoordinatorActions {
  edit(): void;
  setPaused(paused: boolean): void;
  setEnabled(enabled: boolean): void;
  remove(): void;
}

const time = (ms: number) => new Date(ms).toLocaleString();
/** The kinds the Markets page has a dialog for. */
const EDITABLE_KINDS = new Set(['batch-api', 'donation', 'succinct', 'aztec']);

export function CoordinatorCard({ coordinator: c, busy, actions }: { coordinator: Coordinator; busy: boolean; actions: CoordinatorActions }) {
  const status = coordinatorStatus(c);
  return (
    <Card title={c.name} className="wide coordinator-card">
      {isAztecMarket(c) && <AztecQuoteEraNote />}
      <p className={`coordinator-status status-${status.kind}`} data-testid="coordinator-status">
        {status.text}
      </p>
      <dl className="facts">
        <dt>Kind</dt>
        <dd>{kindLabel(c.kind)}</dd>
        {c.url !== null && (
          <>
            <dt>URL</dt>
            <dd className="path">{c.url}</dd>
          </>
        )}
        {c.kind === 'batch-api' && (
          <>
            <dt>Participant ID</dt>
            <dd>{c.hasParticipantId === null ? 'unknown (the keychain did not answer)' : c.hasParticipantId ? 'stored in the keychain' : 'missing: edit to set it'}</dd>
            {c.submitPath !== null && (
              <>
                <dt>Submit path</dt>
                <dd className="path">{c.submitPath}</dd>
              </>
            )}
            {c.deploymentVersion !== null && (
              <>
                <dt>Deployment version</dt>
                <dd>{c.deploymentVersion}</dd>
              </>
            )}
          </>
        )}
        {c.signerAddress !== null && (
          <>
            <dt>Prover address</dt>
            <dd>
              <CopyableText text={c.signerAddress} copyLabel="Copy the prover address" testId="prover-address" />
            </dd>
          </>
        )}
        {c.succinct !== null && <SuccinctFacts settings={c.succinct} practice={c.builtIn} />}
        {c.aztec !== null && <AztecFacts settings={c.aztec} />}
        {c.programIds !== null && (
          <>
            <dt>Programs</dt>
            <dd>{c.programIds.length === 0 ? 'every program it lists' : c.programIds.join(', ')}</dd>
          </>
        )}
        {/* An Aztec market answers quotes; the prover node proves, so there are no jobs here (see Quotes). */}
        {!isAztecMarket(c) && (
          <>
            <dt>Jobs</dt>
            <dd data-testid="coordinator-jobs">
              {c.jobs.accepted} accepted · {c.jobs.rejected} rejected · {c.jobs.failed} failed
            </dd>
          </>
        )}
        <dt>Last error</dt>
        <dd data-testid="coordinator-last-error">
          {c.lastError === null ? (
            <span className="muted">none</span>
          ) : (
            <>
              <time className="muted">{time(c.lastError.atMs)}</time> {c.lastError.message}
            </>
          )}
        </dd>
      </dl>
      <div className="card-actions">
        {!c.builtIn && (
          <>
            {EDITABLE_KINDS.has(c.kind) && (
              <button type="button" disabled={busy} onClick={actions.edit}>
                Edit
              </button>
            )}
            {c.enabled &&
              (c.pausedReason === null ? (
                <button type="button" disabled={busy} onClick={() => actions.setPaused(true)}>
                  Pause
                </button>
              ) : (
                <button type="button" disabled={busy} onClick={() => actions.setPaused(false)}>
                  Resume
                </button>
              ))}
          </>
        )}
        <button type="button" disabled={busy} onClick={() => actions.setEnabled(!c.enabled)}>
          {c.enabled ? 'Disable' : 'Enable'}
        </button>
        {!c.builtIn && (
          <button type="button" className="danger" disabled={busy} onClick={actions.remove}>
            Remove
          </button>
        )}
      </div>
      {isSuccinctMarket(c) && <BidsPanel coordinatorId={c.id} />}
      {isAztecMarket(c) && <QuotesPanel coordinatorId={c.id} />}
    </Card>
  );
}
