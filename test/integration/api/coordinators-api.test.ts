// The Markets endpoints through core.dispatch, as the UI calls them: a real data folder, the real keychain
// (run under test/with-keyring.sh) and a batch-API sandbox on loopback whose batch the scheduler really proves.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse, EventMessage } from '../../../src-main/core/api/contract.js';
import type { CoordinatorRow } from '../../../src-main/core/api/market-schemas.js';
import { startBatchApiSandbox, type BatchApiSandbox } from '../../../src-main/core/coordinators/batch-api/sandbox-server.js';
import { participantAccount } from '../../../src-main/core/coordinators/registry.js';
import { startCore, type Core } from '../../../src-main/core/core.js';
import { databaseFileIn } from '../../../src-main/core/data-dir.js';
import { releaseSnarkjsWorkers } from '../../../src-main/core/engine/snarkjs-workers.js';
import { createKeychain } from '../../../src-main/core/secrets/keychain.js';
import { openStore } from '../../../src-main/core/store/open-store.js';
import { poseidonChainInput } from '../../fixtures/circuits/inputs.js';
import { sandboxCircuit } from '../../support/sandbox-circuits.js';

const dataDir = mkdtempSync(join(tmpdir(), 'proverdesk-markets-api-'));
const keychainService = `ProverDesk-test-${randomUUID()}`;
const keychain = createKeychain({ service: keychainService });
/** The sandbox knows this participant; the test checks it never leaves the keychain. */
const PARTICIPANT = `participant-${randomUUID()}`;
const SECOND_PARTICIPANT = `second-${randomUUID()}`;
const PRACTICE_ID = 'practice-batch-api';
let sandbox: BatchApiSandbox;
let core: Core;
const events: EventMessage[] = [];

const call = (kind: 'query' | 'command', name: string, input: unknown = {}): Promise<ApiResponse> => core.dispatch({ v: 1, kind, name, input });
const command = (name: string, input: unknown) => call('command', name, input);
async function list(): Promise<CoordinatorRow[]> {
  const answer = await call('query', 'coordinators.list');
  if (!answer.ok) throw new Error(answer.error.message);
  return (answer.result as { coordinators: CoordinatorRow[] }).coordinators;
}
const row = async (name: string) => (await list()).find((c) => c.name === name);
async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}
/** coordinators.list as the UI saw it while the server refused a participant ID. */
let listWhileRefused = '';
const changes = () => events.filter((e): e is EventMessage<'coordinators.changed'> => e.name === 'coordinators.changed').map((e) => e.payload);

beforeAll(async () => {
  const circuit = await sandboxCircuit('poseidon-chain-small');
  const batch = (salt: number) => ({ circuit, input: { ...poseidonChainInput(), salt: String(salt) } });
  sandbox = await startBatchApiSandbox({ participants: [{ id: PARTICIPANT, batches: [batch(1)] }, { id: SECOND_PARTICIPANT, batches: [batch(2)] }] });
  // The built-in practice market's row, as the practice market makes it (its servers are not started here).
  const store = openStore(databaseFileIn(dataDir));
  store.coordinators.upsert({ id: PRACTICE_ID, kind: 'practice', name: 'Practice (batch API)', config: { protocol: 'batch-api' }, enabled: true, pausedReason: 'stopped for a test' });
  store.close();
  core = await startCore({ dataDir, mode: 'headless', appVersion: '0.0.0-test', sampleIntervalMs: 1000, keychainService });
  core.subscribe((event) => events.push(event));
});

afterAll(async () => {
  await core?.close();
  await sandbox?.close();
  await releaseSnarkjsWorkers();
  for (const account of await keychain.listAccounts().catch(() => [])) await keychain.delete(account);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('coordinators through the API', () => {
  it('refuses bad settings with the field named and no value echoed, and adds nothing', async () => {
    const secret = `never-shown-${randomUUID()}`;
    const bad = await command('coordinators.add', { kind: 'batch-api', name: ' ', url: 'ftp://example.org', participantId: secret, submitPath: 'no-slash' });
    expect(bad).toEqual({
      ok: false,
      error: { code: 'bad_request', message: expect.stringMatching(/name: must not be empty.*url: must be an http:\/\/ or https:\/\/ address.*submitPath: must start with \//) },
    });
    expect(JSON.stringify(bad)).not.toContain(secret);
    expect(await command('coordinators.add', { kind: 'batch-api', name: 'No ID', url: sandbox.url })).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('participantId') } });
    expect(await command('coordinators.add', { kind: 'practice', name: 'Mine' })).toMatchObject({ ok: false, error: { code: 'bad_request', message: 'invalid input for command \'coordinators.add\': kind: must be batch-api, donation, succinct or aztec' } });
    expect(await command('coordinators.add', { kind: 'donation', name: 'D', url: 'https://example.org', programIds: [''] })).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('programIds.0: must not be empty') } });
    expect((await list()).map((c) => c.name)).toEqual(['Practice (batch API)']);
    expect(await keychain.listAccounts()).toEqual([]);
  });

  it('adds a batch-API coordinator whose participant ID stays in the keychain, and the scheduler proves its batch', { timeout: 90_000 }, async () => {
    // Answers 500 to the client's every try of one submission, which the scheduler tries again: the last error.
    sandbox.injectFault({ on: 'submit_proof', kind: 'error-500', times: 4 });
    const added = await command('coordinators.add', { kind: 'batch-api', name: 'Sandbox', url: sandbox.url, participantId: ` ${PARTICIPANT} `, submitPath: '', deploymentVersion: 'test-v1' });
    expect(added).toMatchObject({ ok: true, result: { name: 'Sandbox' } });
    const id = (added as { result: { id: string } }).result.id;
    expect(await keychain.get(participantAccount(id))).toBe(PARTICIPANT); // trimmed
    expect(changes()).toContainEqual({ id, change: 'added' });

    const done = await until('the batch to be accepted and the coordinator to say it has no more', async () => {
      const sandboxRow = await row('Sandbox');
      return sandboxRow?.jobs.accepted === 1 && sandboxRow.idleReason !== null ? sandboxRow : undefined;
    });
    expect(done).toEqual({
      id,
      name: 'Sandbox',
      kind: 'batch-api',
      builtIn: false,
      protocol: 'batch-api',
      enabled: true,
      pausedReason: null,
      idleReason: 'no more batches left to prove',
      lastError: { atMs: expect.any(Number), message: expect.stringMatching(/^submission failed: .*trying again$/) },
      url: sandbox.url,
      submitPath: null,
      deploymentVersion: 'test-v1',
      programIds: null,
      signerAddress: null,
      aztec: null,
      succinct: null,
      hasParticipantId: true,
      jobs: { accepted: 1, rejected: 0, failed: 0 },
    });
    expect(sandbox.submissions()).toMatchObject([{ participantId: PARTICIPANT, deploymentVersion: 'test-v1' }]);

    // The secret is in none of what the UI sees, nor in the database files.
    expect(JSON.stringify(await call('query', 'coordinators.list'))).not.toContain(PARTICIPANT);
    expect(JSON.stringify(events)).not.toContain(PARTICIPANT);
    for (const file of readdirSync(dataDir).filter((name) => name.startsWith('proverdesk.db'))) {
      expect(readFileSync(join(dataDir, file)).includes(PARTICIPANT), file).toBe(false);
    }
  });

  it('pauses a coordinator whose participant ID the server does not know, and works once the ID is fixed in an edit', { timeout: 60_000 }, async () => {
    const typo = `typo-${randomUUID()}`;
    const added = await command('coordinators.add', { kind: 'batch-api', name: 'Second', url: sandbox.url, participantId: typo });
    const id = (added as { result: { id: string } }).result.id;
    const paused = await until('the sandbox to refuse the participant ID', async () => ((await row('Second'))?.pausedReason ? row('Second') : undefined));
    expect(paused?.pausedReason).toMatch(/^the server does not know this participant ID/);
    listWhileRefused = JSON.stringify(await call('query', 'coordinators.list'));

    const edit = { id, kind: 'batch-api', name: 'Second', url: sandbox.url, participantId: SECOND_PARTICIPANT };
    expect(await command('coordinators.update', edit)).toEqual({ ok: true, result: { id } });
    const working = await until('the batch of the fixed participant to be accepted', async () => {
      const second = await row('Second');
      return second?.jobs.accepted === 1 ? second : undefined;
    });
    expect(working).toMatchObject({ pausedReason: null, hasParticipantId: true });
  });

  it('keeps a participant ID the server refused out of what the UI and the database hold', async () => {
    // The server's answer to an unknown participant names it: "participant <ID> does not exist".
    expect(listWhileRefused).toContain('does not know this participant ID');
    expect(listWhileRefused).not.toMatch(/typo-[0-9a-f-]{36}/);
    for (const file of readdirSync(dataDir).filter((name) => name.startsWith('proverdesk.db'))) {
      expect(readFileSync(join(dataDir, file)).toString('latin1'), file).not.toMatch(/typo-[0-9a-f-]{36}/);
    }
  });

  it('keeps names unique, ignoring case', async () => {
    expect(await command('coordinators.add', { kind: 'donation', name: 'SANDBOX', url: 'https://example.org' })).toEqual({
      ok: false,
      error: { code: 'conflict', message: "a coordinator named 'Sandbox' already exists" },
    });
  });

  it('pauses with a reason for the user, resumes, and disables and enables', async () => {
    const { id } = (await row('Sandbox'))!;
    expect(await command('coordinators.setPaused', { id, paused: true })).toEqual({ ok: true, result: { id, pausedReason: 'paused by you' } });
    expect((await row('Sandbox'))?.pausedReason).toBe('paused by you');
    expect(await command('coordinators.setPaused', { id, paused: false })).toEqual({ ok: true, result: { id, pausedReason: null } });
    expect(await command('coordinators.setEnabled', { id, enabled: false })).toEqual({ ok: true, result: { id, enabled: false } });
    expect((await row('Sandbox'))?.enabled).toBe(false);
    expect(await command('coordinators.setEnabled', { id, enabled: true })).toMatchObject({ ok: true });
    expect(changes().filter((c) => c.id === id).map((c) => c.change)).toEqual(['added', 'paused', 'resumed', 'disabled', 'enabled']);
    expect(await command('coordinators.setPaused', { id: 'no-such-id', paused: true })).toEqual({ ok: false, error: { code: 'not_found', message: 'no coordinator with id no-such-id' } });
  });

  it('edits the settings, replaces the participant ID only when given, and clears a pause', async () => {
    const { id } = (await row('Sandbox'))!;
    await command('coordinators.setPaused', { id, paused: true });
    const edit = { id, kind: 'batch-api', name: 'Sandbox renamed', url: sandbox.url, submitPath: '/submit_proof/', deploymentVersion: '' };
    expect(await command('coordinators.update', edit)).toEqual({ ok: true, result: { id } });
    expect(await row('Sandbox renamed')).toMatchObject({ pausedReason: null, submitPath: '/submit_proof/', deploymentVersion: null, hasParticipantId: true });
    expect(await keychain.get(participantAccount(id))).toBe(PARTICIPANT);

    const replacement = `replacement-${randomUUID()}`;
    expect(await command('coordinators.update', { ...edit, participantId: replacement })).toMatchObject({ ok: true });
    expect(await keychain.get(participantAccount(id))).toBe(replacement);
    expect(JSON.stringify(await list())).not.toContain(replacement);

    expect(await command('coordinators.update', { id, kind: 'donation', name: 'Sandbox renamed', url: sandbox.url })).toEqual({
      ok: false,
      error: { code: 'conflict', message: "coordinator 'Sandbox renamed' is a batch-api coordinator, not donation" },
    });
    expect(await command('coordinators.update', { ...edit, id: 'no-such-id' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await command('coordinators.update', { ...edit, url: 'not a url' })).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('url: must be') } });
    expect((await row('Sandbox renamed'))?.url).toBe(sandbox.url);
  });

  it('adds and edits a donation coordinator, which has no secret', async () => {
    const added = await command('coordinators.add', { kind: 'donation', name: 'Donate', url: 'http://127.0.0.1:9/', programIds: [' p1 ', 'p2'] });
    const id = (added as { result: { id: string } }).result.id;
    expect(await row('Donate')).toMatchObject({ kind: 'donation', url: 'http://127.0.0.1:9/', programIds: ['p1', 'p2'], hasParticipantId: null, submitPath: null });
    expect(await command('coordinators.update', { id, kind: 'donation', name: 'Donate', url: 'http://127.0.0.1:9/' })).toMatchObject({ ok: true });
    expect((await row('Donate'))?.programIds).toEqual([]);
  });

  it('removes a coordinator without jobs, and disables one whose jobs stay in the history; both lose their keychain entry', async () => {
    const spare = await command('coordinators.add', { kind: 'batch-api', name: 'Spare', url: 'http://127.0.0.1:9/', participantId: 'spare-id' });
    const spareId = (spare as { result: { id: string } }).result.id;
    expect(await keychain.get(participantAccount(spareId))).toBe('spare-id');
    expect(await command('coordinators.remove', { id: spareId })).toEqual({ ok: true, result: { id: spareId, outcome: 'removed', jobs: 0 } });
    expect(await row('Spare')).toBeUndefined();
    expect(await keychain.get(participantAccount(spareId))).toBeNull();

    const { id } = (await row('Sandbox renamed'))!;
    expect(await command('coordinators.remove', { id })).toEqual({ ok: true, result: { id, outcome: 'disabled', jobs: 1 } });
    expect(await row('Sandbox renamed')).toMatchObject({ enabled: false, hasParticipantId: false, jobs: { accepted: 1 } });
    expect(await keychain.get(participantAccount(id))).toBeNull();
    expect(changes().slice(-2)).toEqual([{ id: spareId, change: 'removed' }, { id, change: 'disabled' }]);
    expect(await command('coordinators.remove', { id: 'no-such-id' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('lets the practice market be enabled or disabled only; enabling it clears a pause', async () => {
    expect(await row('Practice (batch API)')).toMatchObject({ id: PRACTICE_ID, kind: 'practice', builtIn: true, url: null, hasParticipantId: null, pausedReason: 'stopped for a test' });
    const refusal = { ok: false, error: { code: 'conflict', message: expect.stringMatching(/^'Practice \(batch API\)' is the built-in practice market: it cannot be .+; it can only be enabled or disabled$/) } };
    expect(await command('coordinators.update', { id: PRACTICE_ID, kind: 'batch-api', name: 'Mine now', url: sandbox.url })).toEqual(refusal);
    expect(await command('coordinators.remove', { id: PRACTICE_ID })).toEqual(refusal);
    expect(await command('coordinators.setPaused', { id: PRACTICE_ID, paused: false })).toEqual(refusal);
    expect(await command('coordinators.setEnabled', { id: PRACTICE_ID, enabled: false })).toEqual({ ok: true, result: { id: PRACTICE_ID, enabled: false } });
    expect(await row('Practice (batch API)')).toMatchObject({ enabled: false, pausedReason: 'stopped for a test' });
    expect(await command('coordinators.setEnabled', { id: PRACTICE_ID, enabled: true })).toMatchObject({ ok: true });
    expect(await row('Practice (batch API)')).toMatchObject({ name: 'Practice (batch API)', enabled: true, pausedReason: null });
  });
});
