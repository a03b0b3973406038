// Add or edit a coordinator in a modal form. Inline errors come from the API's own schema, so what the form
// accepts is what the core accepts; the participant ID lives only in its password field until sent.
import { useState } from 'react';
import { CoordinatorAddInput, CoordinatorUpdateInput } from '../../../src-main/core/api/market-schemas.js';
import { useBridge } from '../../bridge/context.js';
import { TextField } from '../../components/TextField.js';
import { errorMessage } from '../../errors.js';
import { fieldErrors, type FieldErrors } from '../../field-errors.js';
import { useMarketsStore, type Coordinator } from '../../stores/markets.js';
import { DonationProgramPicker } from './DonationProgramPicker.js';
import { FormDialog } from './FormDialog.js';

export type EditableKind = 'batch-api' | 'donation';

interface CoordinatorDialogProps {
  kind: EditableKind;
  /** Absent: a new coordinator. */
  existing?: Coordinator | undefined;
  onDone(notice: string): void;
  onCancel(): void;
}

const TITLES: Record<EditableKind, string> = { 'batch-api': 'batch-API coordinator', donation: 'donation coordinator' };

export function CoordinatorDialog({ kind, existing, onDone, onCancel }: CoordinatorDialogProps) {
  const bridge = useBridge();
  const add = useMarketsStore((store) => store.add);
  const update = useMarketsStore((store) => store.update);
  const [name, setName] = useState(existing?.name ?? '');
  const [url, setUrl] = useState(existing?.url ?? '');
  const [participantId, setParticipantId] = useState('');
  const [submitPath, setSubmitPath] = useState(existing?.submitPath ?? '');
  const [deploymentVersion, setDeploymentVersion] = useState(existing?.deploymentVersion ?? '');
  const [programIds, setProgramIds] = useState<string[]>(existing?.programIds ?? []);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const title = existing ? `Edit ${existing.name}` : `Add a ${TITLES[kind]}`;

  function settings() {
    if (kind === 'donation') return { kind, name, url, programIds };
    return { kind, name, url, submitPath, deploymentVersion, ...(participantId === '' && existing ? {} : { participantId }) };
  }

  /** Checks the form as the core will; on success sends it and says what was done. */
  async function send(run: () => Promise<string>) {
    setErrors({});
    setBusy(true);
    try {
      onDone(await run());
    } catch (error) {
      setFailure(errorMessage(error));
      setBusy(false);
    }
  }

  function submit() {
    setFailure(null);
    if (existing) {
      const checked = CoordinatorUpdateInput.safeParse({ id: existing.id, ...settings() });
      if (!checked.success) return setErrors(fieldErrors(checked.error));
      if (kind === 'batch-api' && existing.hasParticipantId === false && participantId.trim() === '') {
        return setErrors({ participantId: 'none is stored: enter the ID the market gave you' });
      }
      void send(async () => {
        await update(bridge, checked.data);
        return `Saved ${checked.data.name}.`;
      });
    } else {
      const checked = CoordinatorAddInput.safeParse(settings());
      if (!checked.success) return setErrors(fieldErrors(checked.error));
      void send(async () => `Added ${(await add(bridge, checked.data)).name}.`);
    }
  }

  return (
    <FormDialog title={title} editing={existing !== undefined} submitLabel="Add" busy={busy} failure={failure} onSubmit={submit} onCancel={onCancel}>
      <TextField label="Name" value={name} onChange={setName} error={errors.name} autoComplete="off" />
      <TextField label="URL" value={url} onChange={setUrl} error={errors.url} type="url" placeholder="https://" autoComplete="off" spellCheck={false} />
      {kind === 'batch-api' ? (
        <>
          <TextField
            label="Participant ID"
            type="password"
            value={participantId}
            onChange={setParticipantId}
            error={errors.participantId}
            hint={
              existing
                ? existing.hasParticipantId === false
                  ? 'None is stored in the keychain.'
                  : 'Kept in the keychain; leave empty to keep it, or enter a new one.'
                : 'The ID the market gave you; it is kept in the keychain, never shown again.'
            }
            autoComplete="new-password"
          />
          <TextField label="Submit path" value={submitPath} onChange={setSubmitPath} error={errors.submitPath} placeholder="/submit_proof/" hint="Optional; the server's default when empty." spellCheck={false} />
          <TextField label="Deployment version" value={deploymentVersion} onChange={setDeploymentVersion} error={errors.deploymentVersion} hint="Optional; reported with each proof." spellCheck={false} />
        </>
      ) : (
        <DonationProgramPicker
          url={url}
          programIds={programIds}
          onProgramIds={setProgramIds}
          onUrlError={(message) => setErrors((shown) => ({ ...shown, url: message }))}
          error={errors.programIds}
          loadOnOpen={existing?.url != null}
        />
      )}
    </FormDialog>
  );
}
