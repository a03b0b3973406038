// Adding, editing, pausing and removing coordinators, for the API (Markets page) and the CLI alike. A batch-API
// participant ID goes to the keychain, never to the database; errors are ApiErrors whose messages name fields,
// never values. The built-in practice market can only be enabled or disabled.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { ApiError } from '../api/contract.js';
import { describeIssues } from '../api/dispatcher.js';
import { CoordinatorAddInput, CoordinatorUpdateInput } from '../api/market-schemas.js';
import type { Keychain } from '../secrets/keychain.js';
import type { Coordinator, CoordinatorConfig } from '../store/repos/coordinators-repo.js';
import type { Store } from '../store/store.js';
import { checksumAddress, fromHex, InvalidKeyError } from '../secrets/eth-signer.js';
import { generateSigningKey, importSigningKey, signerAccount } from '../secrets/signing-keys.js';
import { BatchApiConfigSchema, DonationConfigSchema, participantAccount } from './registry.js';
import { AztecConfigSchema } from './aztec/config.js';
import { SuccinctConfigSchema } from './succinct/config.js';

export const PAUSED_BY_USER = 'paused by you';

export interface AdminParts {
  store: Store;
  keychain: Keychain;
}

export type NewCoordinator = z.input<typeof CoordinatorAddInput>;
export type CoordinatorEdit = z.input<typeof CoordinatorUpdateInput>;

export async function addCoordinator({ store, keychain }: AdminParts, input: NewCoordinator): Promise<Coordinator> {
  const settings = parse(CoordinatorAddInput, input);
  assertNameFree(store, settings.name);
  const id = randomUUID();
  if (settings.kind === 'succinct' || settings.kind === 'aztec') {
    const { key, kind } = settings;
    const proverAddress = settings.kind === 'aztec' ? settings.proverAddress : undefined;
    // An Aztec market whose prover node signs keeps no key here: only the node's address, to find its claims.
    const address =
      key === undefined
        ? checksumAddress(fromHex(proverAddress!, 20))
        : key.source === 'import'
          ? await keyImported(() => importSigningKey(keychain, id, key.privateKey))
          : await generateSigningKey(keychain, id);
    const config = storedConfig(settings, address);
    try {
      return store.transaction(() => {
        assertNameFree(store, settings.name);
        return store.coordinators.upsert({ id, kind, name: settings.name, config, enabled: true });
      });
    } catch (error) {
      await keychain.delete(signerAccount(id)).catch(() => false);
      throw error;
    }
  }
  const config = storedConfig(settings);
  if (settings.kind === 'donation') return store.coordinators.upsert({ id, kind: 'donation', name: settings.name, config, enabled: true });

  await keychain.set(participantAccount(id), settings.participantId);
  try {
    // Checked again with the database's lock held: another add may have taken the name meanwhile.
    return store.transaction(() => {
      assertNameFree(store, settings.name);
      return store.coordinators.upsert({ id, kind: 'batch-api', name: settings.name, config, enabled: true });
    });
  } catch (error) {
    await keychain.delete(participantAccount(id)).catch(() => false);
    throw error;
  }
}

/** Replaces the settings (the participant ID only when given) and clears a pause, so the scheduler tries again. */
export async function updateCoordinator({ store, keychain }: AdminParts, input: CoordinatorEdit): Promise<Coordinator> {
  const settings = parse(CoordinatorUpdateInput, input);
  const existing = editable(store, settings.id, 'edited');
  if (existing.kind !== settings.kind) {
    throw new ApiError('conflict', `coordinator '${existing.name}' is a ${existing.kind} coordinator, not ${settings.kind}`);
  }
  assertNameFree(store, settings.name, existing.id);
  let address: string | undefined;
  if (settings.kind === 'succinct' || settings.kind === 'aztec') {
    const { privateKey } = settings;
    const proverAddress = settings.kind === 'aztec' ? settings.proverAddress : undefined;
    if (privateKey !== undefined) address = await keyImported(() => importSigningKey(keychain, existing.id, privateKey));
    else if (proverAddress !== undefined) address = checksumAddress(fromHex(proverAddress, 20));
    else address = String(existing.config.signerAddress ?? '');
  }
  const config = storedConfig(settings, address);
  // The secret is not in the row, but the upsert below stamps the row as updated, so the scheduler rebuilds
  // the coordinator's client with the new ID.
  if (settings.kind === 'batch-api' && settings.participantId !== undefined) await keychain.set(participantAccount(existing.id), settings.participantId);
  return store.transaction(() => {
    assertNameFree(store, settings.name, existing.id);
    return store.coordinators.upsert({ id: existing.id, kind: existing.kind, name: settings.name, config, enabled: existing.enabled, pausedReason: null });
  });
}

/** Pausing keeps a pause the scheduler set (and its reason); resuming clears any pause. */
export function setCoordinatorPaused({ store }: AdminParts, id: string, paused: boolean): Coordinator {
  const existing = editable(store, id, paused ? 'paused' : 'resumed');
  if (paused && existing.pausedReason !== null) return existing;
  return store.coordinators.setPaused(id, paused ? PAUSED_BY_USER : null);
}

/** The practice market has no settings to fix, so enabling it also clears a pause: it is tried again. */
export function setCoordinatorEnabled({ store }: AdminParts, id: string, enabled: boolean): Coordinator {
  const existing = found(store, id);
  const clearPause = enabled && existing.kind === 'practice';
  return store.coordinators.upsert({
    id,
    kind: existing.kind,
    name: existing.name,
    config: existing.config,
    enabled,
    ...(clearPause ? { pausedReason: null } : {}),
  });
}

export interface Removal {
  /** `disabled`: jobs refer to it, so it stays, disabled, for their history. */
  outcome: 'removed' | 'disabled';
  jobs: number;
}

/** Deletes its keychain entry first: if the keychain cannot be reached, nothing changes. */
export async function removeCoordinator({ store, keychain }: AdminParts, id: string): Promise<Removal> {
  const existing = editable(store, id, 'removed');
  if (existing.kind === 'batch-api') await keychain.delete(participantAccount(id));
  if (existing.kind === 'succinct' || existing.kind === 'aztec') await keychain.delete(signerAccount(id));
  const jobs = store.coordinators.countJobs(id);
  if (jobs === 0) {
    store.coordinators.remove(id);
    return { outcome: 'removed', jobs };
  }
  store.coordinators.upsert({ id, kind: existing.kind, name: existing.name, config: existing.config, enabled: false });
  return { outcome: 'disabled', jobs };
}

/** Exact name first, then ignoring case (names are unique ignoring case). */
export function findCoordinatorByName(store: Store, name: string): Coordinator | undefined {
  const all = store.coordinators.list();
  const wanted = name.trim();
  return all.find((c) => c.name === wanted) ?? all.find((c) => sameName(c.name, wanted));
}

/** Bad settings are `bad_request`s that read "field: what is wrong; …", naming fields, never values. */
function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ApiError('bad_request', describeIssues(parsed.error));
}

function storedConfig(settings: CoordinatorAddInput | CoordinatorUpdateInput, signerAddress?: string): CoordinatorConfig {
  // The registry's schemas decide what the scheduler can use; the API's accept nothing they would refuse.
  const parsed =
    settings.kind === 'batch-api'
      ? BatchApiConfigSchema.safeParse({ url: settings.url, submitPath: settings.submitPath, deploymentVersion: settings.deploymentVersion })
      : settings.kind === 'succinct'
        ? SuccinctConfigSchema.safeParse({
            url: settings.url,
            version: settings.version,
            chainId: settings.chainId,
            throughputPgusPerS: settings.throughputPgusPerS,
            maxOutstanding: settings.maxOutstanding,
            maxGasLimit: settings.maxGasLimit,
            signerAddress,
          })
        : settings.kind === 'aztec'
          ? AztecConfigSchema.safeParse({
              nodeUrl: settings.nodeUrl,
              l1RpcUrl: settings.l1RpcUrl,
              chainId: settings.chainId,
              rollupAddress: settings.rollupAddress,
              providerHost: settings.providerHost,
              providerPort: settings.providerPort,
              submitQuotes: settings.submitQuotes,
              slotsPerEpoch: settings.slotsPerEpoch,
              signerAddress,
            })
          : DonationConfigSchema.safeParse({ url: settings.url, programIds: settings.programIds });
  if (!parsed.success) throw new ApiError('bad_request', describeIssues(parsed.error));
  return Object.fromEntries(Object.entries(parsed.data).filter(([, value]) => value !== undefined));
}

/** A key that parses but is no secp256k1 key is the user's mistake, said without the key. */
async function keyImported(run: () => Promise<string>): Promise<string> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof InvalidKeyError) throw new ApiError('bad_request', `privateKey: ${error.message}`);
    throw error;
  }
}

function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function assertNameFree(store: Store, name: string, exceptId?: string): void {
  const clash = store.coordinators.list().find((c) => c.id !== exceptId && sameName(c.name, name));
  if (clash) throw new ApiError('conflict', `a coordinator named '${clash.name}' already exists`);
}

function found(store: Store, id: string): Coordinator {
  const coordinator = store.coordinators.get(id);
  if (!coordinator) throw new ApiError('not_found', `no coordinator with id ${id}`);
  return coordinator;
}

function editable(store: Store, id: string, action: string): Coordinator {
  const coordinator = found(store, id);
  if (coordinator.kind === 'practice') {
    throw new ApiError('conflict', `'${coordinator.name}' is the built-in practice market: it cannot be ${action}; it can only be enabled or disabled`);
  }
  return coordinator;
}
