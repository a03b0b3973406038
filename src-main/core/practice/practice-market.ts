// The built-in practice market: sandbox coordinators (batch API, donation, a Succinct network to bid on and an
// Aztec node to quote for) running inside the app on 127.0.0.1, handing out
// practice-format jobs (practice-formats.md) so that a new user sees the whole loop work at once, with no
// account anywhere. They appear as coordinators of kind 'practice' that the user can turn off in Markets;
// the setting `practice.enabled` (and `--no-practice` for one run) keeps the whole market off.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startBatchApiSandbox, type BatchApiSandbox, type SandboxBatchSpec } from '../coordinators/batch-api/sandbox-server.js';
import { startDonationSandbox, type DonationSandbox } from '../coordinators/donation/sandbox-server.js';
import type { Keychain } from '../secrets/keychain.js';
import type { Store } from '../store/store.js';
import { practiceCircuit } from './practice-circuits.js';
import { loadPracticePackages, type PracticePackage } from './practice-packages.js';
import { startPracticeAztec, type PracticeAztec } from './practice-aztec.js';
import { startPracticeSuccinct, type PracticeSuccinct } from './practice-succinct.js';

export const PRACTICE_ENABLED_SETTING = 'practice.enabled';
const PARTICIPANT_SETTING = 'practice.batchApiParticipantId';

/** A practice batch at most this often, so the practice market shows the loop without keeping the CPU busy for nothing. */
export const PRACTICE_PACE_MS = 20_000;

export type PracticeProtocol = 'batch-api' | 'donation' | 'succinct' | 'aztec';

/** What the registry needs to build adapters for the practice coordinators of this run. */
export interface PracticeEndpoints {
  batchApi: { url: string; participantId: string };
  donation: { url: string };
  succinct: PracticeSuccinct;
  /** The practice Aztec node: its settings for the quote service, and where to send its quote requests. */
  aztec: Pick<PracticeAztec, 'endpoint' | 'attachProvider'>;
}

/** How long a practice donation reservation lasts (the real server's input_lock_timeout). */
const PRACTICE_LOCK_TIMEOUT_S = 600;

export interface PracticeMarket {
  endpoints: PracticeEndpoints;
  close(): Promise<void>;
}

/** The practice markets that bid are off until the user turns them on (Markets): they are for shops trying bidding. */
const ROWS: { protocol: PracticeProtocol; name: string; enabled: boolean }[] = [
  { protocol: 'batch-api', name: 'Practice (batch API)', enabled: true },
  { protocol: 'donation', name: 'Practice (donation)', enabled: true },
  { protocol: 'succinct', name: 'Practice (Succinct network)', enabled: false },
  { protocol: 'aztec', name: 'Practice (Aztec quotes)', enabled: false },
];

/** True unless the user turned the practice market off. */
export function practiceEnabled(store: Store): boolean {
  return store.settings.get(PRACTICE_ENABLED_SETTING) !== false;
}

/**
 * Starts the practice servers and makes sure their coordinators exist (enabled on first start; later the
 * user's choice is kept). Returns undefined when the practice market is off.
 */
export async function startPracticeMarket(options: {
  store: Store;
  keychain: Keychain;
  dataDir: string;
  packagesDir: string;
  paceMs?: number;
}): Promise<PracticeMarket | undefined> {
  const { store } = options;
  if (!practiceEnabled(store)) return undefined;
  const packages = await loadPracticePackages(options.packagesDir);
  const stateDir = join(options.dataDir, 'practice');
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });

  let participantId = store.settings.get<string>(PARTICIPANT_SETTING);
  if (typeof participantId !== 'string') {
    participantId = `practice-${randomUUID()}`;
    store.settings.set(PARTICIPANT_SETTING, participantId);
  }
  const batchApi: BatchApiSandbox = await startBatchApiSandbox({
    participants: [{ id: participantId, nextBatch: pacedBatches(packages, options.paceMs ?? PRACTICE_PACE_MS) }],
    example: { circuit: packages[0]!, input: practiceCircuit(packages[0]!.name)!.nextInput() },
    persistence: { file: join(stateDir, 'batch-api.json'), circuits: packages },
  });

  let donation: DonationSandbox;
  try {
    donation = await startPracticeDonationServer(packages, options.paceMs ?? PRACTICE_PACE_MS);
  } catch (error) {
    await batchApi.close();
    throw error;
  }

  let succinct: Awaited<ReturnType<typeof startPracticeSuccinct>>;
  let aztec: PracticeAztec;
  try {
    succinct = await startPracticeSuccinct({ keychain: options.keychain, packages, paceMs: options.paceMs ?? PRACTICE_PACE_MS });
  } catch (error) {
    await Promise.all([batchApi.close(), donation.close()]);
    throw error;
  }
  try {
    aztec = await startPracticeAztec({ keychain: options.keychain });
  } catch (error) {
    await Promise.all([batchApi.close(), donation.close(), succinct.close()]);
    throw error;
  }

  ensureRows(store, {
    ...('config' in succinct.endpoint ? { succinct: succinct.endpoint.config } : {}),
    ...('config' in aztec.endpoint ? { aztec: aztec.endpoint.config } : {}),
  });
  return {
    endpoints: { batchApi: { url: batchApi.url, participantId }, donation: { url: donation.url }, succinct: succinct.endpoint, aztec },
    close: async () => {
      await Promise.all([batchApi.close(), donation.close(), succinct.close(), aztec.close()]);
    },
  };
}

/** A practice organisation with one program per practice circuit, topped up with one-row input groups at the practice pace. */
function startPracticeDonationServer(packages: PracticePackage[], paceMs: number): Promise<DonationSandbox> {
  const owner = 'practice';
  const paced = pacer(paceMs);
  return startDonationSandbox({
    accounts: [{ username: owner, password: randomBytes(18).toString('base64url'), name: 'ProverDesk practice', description: 'Practice programs built into ProverDesk' }],
    programs: packages.flatMap((pkg) => {
      const definition = practiceCircuit(pkg.name);
      if (!definition) return [];
      return [
        {
          owner,
          name: pkg.name,
          description: `Practice circuit, ${pkg.constraints} constraints`,
          inputLockTimeoutS: PRACTICE_LOCK_TIMEOUT_S,
          packageBytes: pkg.packageBytes,
          replenish: { keepFree: 1, nextInput: () => (paced() ? definition.nextInput() : undefined) },
        },
      ];
    }),
  });
}

/** True at most once per paceMs. */
function pacer(paceMs: number): () => boolean {
  let lastAtMs = -Infinity;
  return () => {
    const now = Date.now();
    if (now - lastAtMs < paceMs) return false;
    lastAtMs = now;
    return true;
  };
}

/**
 * Makes the practice rows that are missing. A market's row also carries this run's public settings (its
 * network's address, the prover address), so Markets can show them as for a real market; the key stays in the
 * keychain.
 */
function ensureRows(store: Store, settings: Partial<Record<PracticeProtocol, Record<string, unknown>>>): void {
  const existing = store.coordinators.list().filter((c) => c.kind === 'practice');
  for (const row of ROWS) {
    const config = { ...(settings[row.protocol] ?? {}), protocol: row.protocol };
    const stored = existing.find((c) => c.config.protocol === row.protocol);
    if (stored && JSON.stringify(stored.config) === JSON.stringify(config)) continue;
    store.coordinators.upsert({ id: `practice-${row.protocol}`, kind: 'practice', name: row.name, config, enabled: stored?.enabled ?? row.enabled });
  }
}

/** Mostly everyday 2^12 jobs, some tiny ones and some four times larger. */
const MIX: { name: string; weight: number }[] = [
  { name: 'range-check', weight: 3 },
  { name: 'poseidon-chain-4k', weight: 5 },
  { name: 'poseidon-chain-16k', weight: 2 },
];

function pacedBatches(packages: PracticePackage[], paceMs: number): () => SandboxBatchSpec | undefined {
  const paced = pacer(paceMs);
  const choices = MIX.flatMap(({ name, weight }) => {
    const circuit = packages.find((p) => p.name === name);
    const definition = practiceCircuit(name);
    return circuit && definition ? Array.from({ length: weight }, () => ({ circuit, definition })) : [];
  });
  return () => {
    if (choices.length === 0 || !paced()) return undefined;
    const { circuit, definition } = choices[Math.floor(Math.random() * choices.length)]!;
    return { circuit, input: definition.nextInput() };
  };
}
