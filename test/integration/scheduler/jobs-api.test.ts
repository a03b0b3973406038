// The scheduler inside the running core (as the daemon and the desktop app run it), seen through the API:
// job and progress events as a batch is proven, then jobs.list, jobs.events and scheduler.status.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../../src-main/core/api/contract.js';
import { startBatchApiSandbox, type BatchApiSandbox } from '../../../src-main/core/coordinators/batch-api/sandbox-server.js';
import { participantAccount } from '../../../src-main/core/coordinators/registry.js';
import { startCore, type Core } from '../../../src-main/core/core.js';
import { databaseFileIn } from '../../../src-main/core/data-dir.js';
import { releaseSnarkjsWorkers } from '../../../src-main/core/engine/snarkjs-workers.js';
import { createKeychain } from '../../../src-main/core/secrets/keychain.js';
import { openStore } from '../../../src-main/core/store/open-store.js';
import { sandboxCircuit } from '../../support/sandbox-circuits.js';
import { poseidonChainInput } from '../../fixtures/circuits/inputs.js';

const dataDir = mkdtempSync(join(tmpdir(), 'proverdesk-jobs-api-'));
const keychainService = `ProverDesk-test-${randomUUID()}`;
let sandbox: BatchApiSandbox;
let core: Core;
const events: EventMessage[] = [];

const query = async (name: string, input: unknown = {}) => core.dispatch({ v: 1, kind: 'query', name, input });

beforeAll(async () => {
  const circuit = await sandboxCircuit('poseidon-chain-small');
  sandbox = await startBatchApiSandbox({ participants: [{ id: 'ui-user', batches: [{ circuit, input: poseidonChainInput() }] }] });
  const store = openStore(databaseFileIn(dataDir));
  store.coordinators.upsert({ id: 'practice-ish', kind: 'batch-api', name: 'Sandbox', config: { url: sandbox.url }, enabled: true });
  store.close();
  await createKeychain({ service: keychainService }).set(participantAccount('practice-ish'), 'ui-user');
  core = await startCore({ dataDir, mode: 'headless', appVersion: '0.0.0-test', sampleIntervalMs: 1000, keychainService });
  core.subscribe((event) => events.push(event));
});

afterAll(async () => {
  await core?.close();
  await sandbox?.close();
  await releaseSnarkjsWorkers();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('jobs through the API', () => {
  it('streams the job through its states with progress, then lists it with its history', { timeout: 60_000 }, async () => {
    while (!events.some((e) => e.name === 'jobs.changed' && (e.payload as { state: string }).state === 'accepted')) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const states = events.filter((e) => e.name === 'jobs.changed').map((e) => (e.payload as { state: string }).state);
    expect(states).toEqual(['claimed', 'downloading', 'proving', 'submitting', 'accepted']);
    const phases = new Set(events.filter((e) => e.name === 'scheduler.progress').map((e) => (e.payload as { phase: string }).phase));
    expect([...phases]).toEqual(expect.arrayContaining(['downloading', 'witness', 'submitting']));

    const list = await query('jobs.list', { limit: 10 });
    expect(list).toMatchObject({ ok: true, result: { jobs: [{ coordinatorName: 'Sandbox', state: 'accepted', error: null }] } });
    const jobId = (list as { result: { jobs: { id: string }[] } }).result.jobs[0]!.id;
    const history = await query('jobs.events', { jobId });
    expect((history as { result: { events: { kind: string }[] } }).result.events.map((e) => e.kind)).toEqual([
      'discovered', 'claimed', 'downloading', 'proving', 'proved', 'submit-attempt', 'accepted',
    ]);
    expect(await query('jobs.events', { jobId: 'no-such-job' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await query('jobs.list', { limit: 0 })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('says what each coordinator is waiting for', async () => {
    let status;
    for (let i = 0; i < 200; i++) {
      status = await query('scheduler.status');
      if ((status as { result: { coordinators: { idleReason: string | null }[] } }).result.coordinators[0]?.idleReason) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toMatchObject({
      ok: true,
      result: { current: null, coordinators: [{ name: 'Sandbox', kind: 'batch-api', pausedReason: null, idleReason: 'no more batches left to prove' }] },
    });
    expect(await core.dispatch({ v: 1, kind: 'command', name: 'jobs.cancel', input: { jobId: 'none' } })).toMatchObject({ ok: true, result: { cancelled: false } });
  });
});
