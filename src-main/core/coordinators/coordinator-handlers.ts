// The API's coordinator endpoints (Markets page): the list with status, last error and job counts, a donation
// server's programs to choose from, and the commands of coordinator-admin.ts, each followed by a
// `coordinators.changed` event.
import type { ApiHandlers } from '../api/dispatcher.js';
import type { EventBus } from '../api/event-bus.js';
import type { CoordinatorRow } from '../api/market-schemas.js';
import type { Scheduler } from '../scheduler/scheduler.js';
import type { Keychain } from '../secrets/keychain.js';
import type { Coordinator } from '../store/repos/coordinators-repo.js';
import type { Store } from '../store/store.js';
import { addCoordinator, removeCoordinator, setCoordinatorEnabled, setCoordinatorPaused, updateCoordinator } from './coordinator-admin.js';
import { listDonationPrograms } from './donation-programs.js';
import { participantAccount } from './registry.js';
import { AztecConfigSchema } from './aztec/config.js';
import { DEFAULT_MAX_OUTSTANDING, SuccinctConfigSchema } from './succinct/config.js';

/** Job events that say something went wrong with a job (`submit-retry`: a submission failed and is tried again). */
const ERROR_EVENTS = ['failed', 'rejected', 'expired', 'stale', 'outcome-unknown', 'submit-retry'];
const FAILED_STATES = new Set(['failed', 'expired']);

interface Parts {
  store: Store;
  keychain: Keychain;
  scheduler: Pick<Scheduler, 'activity'>;
  bus: EventBus;
  /** The running Aztec quote services: where each listens, and what keeps one from its full work. */
  aztec?: { providerUrl(coordinatorId: string): string | null; problem(coordinatorId: string): string | null };
}

type CoordinatorQueries = Pick<ApiHandlers['queries'], 'coordinators.list' | 'donation.programs'>;
type CoordinatorCommands = Pick<
  ApiHandlers['commands'],
  'coordinators.add' | 'coordinators.update' | 'coordinators.setPaused' | 'coordinators.setEnabled' | 'coordinators.remove'
>;

export function coordinatorHandlers(parts: Parts): { queries: CoordinatorQueries; commands: CoordinatorCommands } {
  const { bus } = parts;
  // The list is read often (on every job change); whether a participant ID is stored changes only through
  // these commands or a secrets.* command, so the keychain is asked once per coordinator.
  const participantIdKnown = new Map<string, boolean>();
  bus.subscribe((event) => {
    if (event.name === 'secrets.changed' || event.name === 'coordinators.changed') participantIdKnown.clear();
  });
  const hasParticipantId = async (coordinator: Coordinator): Promise<boolean | null> => {
    const known = participantIdKnown.get(coordinator.id);
    if (known !== undefined) return known;
    try {
      const stored = (await parts.keychain.get(participantAccount(coordinator.id))) !== null;
      participantIdKnown.set(coordinator.id, stored);
      return stored;
    } catch {
      return null; // the keychain did not answer; asked again next time
    }
  };
  return {
    queries: {
      'coordinators.list': async () => ({ coordinators: await listCoordinators(parts, hasParticipantId) }),
      'donation.programs': (input) => listDonationPrograms(input),
    },
    commands: {
      'coordinators.add': async (input) => {
        const added = await addCoordinator(parts, input);
        bus.emit('coordinators.changed', { id: added.id, change: 'added' });
        return { id: added.id, name: added.name };
      },
      'coordinators.update': async (input) => {
        const updated = await updateCoordinator(parts, input);
        bus.emit('coordinators.changed', { id: updated.id, change: 'updated' });
        return { id: updated.id };
      },
      'coordinators.setPaused': async ({ id, paused }) => {
        const coordinator = setCoordinatorPaused(parts, id, paused);
        bus.emit('coordinators.changed', { id, change: paused ? 'paused' : 'resumed' });
        return { id, pausedReason: coordinator.pausedReason };
      },
      'coordinators.setEnabled': async ({ id, enabled }) => {
        setCoordinatorEnabled(parts, id, enabled);
        bus.emit('coordinators.changed', { id, change: enabled ? 'enabled' : 'disabled' });
        return { id, enabled };
      },
      'coordinators.remove': async ({ id }) => {
        const { outcome, jobs } = await removeCoordinator(parts, id);
        bus.emit('coordinators.changed', { id, change: outcome });
        return { id, outcome, jobs };
      },
    },
  };
}

async function listCoordinators(
  { store, scheduler, aztec }: Parts,
  hasParticipantId: (coordinator: Coordinator) => Promise<boolean | null>,
): Promise<CoordinatorRow[]> {
  const idle = new Map(scheduler.activity().map((a) => [a.id, a.idleReason]));
  const counts = new Map<string, CoordinatorRow['jobs']>();
  for (const { coordinatorId, state, jobs } of store.coordinators.jobCountsByState()) {
    const row = counts.get(coordinatorId) ?? { accepted: 0, rejected: 0, failed: 0 };
    if (state === 'accepted') row.accepted += jobs;
    else if (state === 'rejected') row.rejected += jobs;
    else if (FAILED_STATES.has(state)) row.failed += jobs;
    counts.set(coordinatorId, row);
  }
  return Promise.all(
    store.coordinators.list().map(async (c): Promise<CoordinatorRow> => {
      const lastError = store.jobEvents.latestForCoordinator(c.id, ERROR_EVENTS);
      return {
        id: c.id,
        name: c.name,
        kind: c.kind,
        builtIn: c.kind === 'practice',
        protocol: protocolOf(c),
        enabled: c.enabled,
        pausedReason: c.pausedReason,
        idleReason: idle.get(c.id) ?? aztecActivity(aztec, c.id),
        lastError: lastError ? { atMs: lastError.atMs, message: lastError.message } : null,
        url: text(c.config.url),
        submitPath: text(c.config.submitPath),
        deploymentVersion: text(c.config.deploymentVersion),
        programIds: c.kind === 'donation' ? texts(c.config.programIds) : null,
        signerAddress: text(c.config.signerAddress),
        succinct: protocolOf(c) === 'succinct' ? succinctRow(c.config) : null,
        aztec: protocolOf(c) === 'aztec' ? aztecRow(c.config, aztec?.providerUrl(c.id) ?? null) : null,
        hasParticipantId: c.kind === 'batch-api' ? await hasParticipantId(c) : null,
        jobs: counts.get(c.id) ?? { accepted: 0, rejected: 0, failed: 0 },
      };
    }),
  );
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const texts = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

function succinctRow(config: Record<string, unknown>): CoordinatorRow['succinct'] {
  const parsed = SuccinctConfigSchema.safeParse(config);
  if (!parsed.success) return null;
  const { version, chainId, throughputPgusPerS, maxOutstanding, maxGasLimit } = parsed.data;
  return { version, chainId: chainId ?? null, throughputPgusPerS: throughputPgusPerS ?? null, maxOutstanding: maxOutstanding ?? DEFAULT_MAX_OUTSTANDING, maxGasLimit: maxGasLimit ?? null };
}

function aztecRow(config: Record<string, unknown>, providerUrl: string | null): CoordinatorRow['aztec'] {
  const parsed = AztecConfigSchema.safeParse(config);
  if (!parsed.success) return null;
  const { nodeUrl, l1RpcUrl, chainId, rollupAddress, providerHost, providerPort, submitQuotes, slotsPerEpoch } = parsed.data;
  return { nodeUrl, l1RpcUrl: l1RpcUrl ?? null, chainId, rollupAddress, providerHost, providerPort, submitQuotes, slotsPerEpoch, providerUrl };
}

/** What keeps a running quote service from its full work (L1 unreachable, digest mismatch); null when it is well or not running. */
function aztecActivity(aztec: Parts['aztec'], id: string): string | null {
  return aztec?.problem(id) ?? null;
}

function protocolOf(c: Coordinator): string {
  return c.kind === 'practice' ? String(c.config.protocol ?? 'practice') : c.kind;
}
