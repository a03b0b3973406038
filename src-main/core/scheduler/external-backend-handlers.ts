// The API's external prover endpoints (Settings page): the command template in use, and setting or clearing it.
// A template is checked before it is kept, so a job never finds out that it was unusable.
import { ApiError } from '../api/contract.js';
import type { ApiHandlers } from '../api/dispatcher.js';
import { checkCommandTemplate, PLACEHOLDERS, type ExternalBackendView } from '../api/provers-schemas.js';
import type { ExternalBackendConfig } from '../engine/external-backend.js';
import type { Store } from '../store/store.js';
import { EXTERNAL_BACKEND_SETTING } from './start-scheduler.js';

/** Real proofs are large (a zkSync batch proof, a RISC Zero receipt), but not this large. */
export const DEFAULT_MAX_PROOF_BYTES = 256 * 2 ** 20;

type Queries = Pick<ApiHandlers['queries'], 'provers.externalBackend'>;
type Commands = Pick<ApiHandlers['commands'], 'provers.setExternalBackend'>;

export function externalBackendHandlers({ store }: { store: Store }): { queries: Queries; commands: Commands } {
  const view = (): ExternalBackendView => ({
    command: store.settings.get<ExternalBackendConfig>(EXTERNAL_BACKEND_SETTING)?.command ?? null,
    placeholders: [...PLACEHOLDERS],
  });
  return {
    queries: { 'provers.externalBackend': view },
    commands: {
      'provers.setExternalBackend': async ({ command }) => {
        if (command === null) {
          store.settings.delete(EXTERNAL_BACKEND_SETTING);
          return view();
        }
        const problems = checkCommandTemplate(command);
        if (problems.length > 0) throw new ApiError('bad_request', `command: ${problems.join('; ')}`);
        const previous = store.settings.get<ExternalBackendConfig>(EXTERNAL_BACKEND_SETTING);
        store.settings.set(EXTERNAL_BACKEND_SETTING, { ...previous, command, maxProofBytes: previous?.maxProofBytes ?? DEFAULT_MAX_PROOF_BYTES } satisfies ExternalBackendConfig);
        return view();
      },
    },
  };
}
