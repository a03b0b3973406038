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
/** jobs.list as it read the moment the job moved to 'proving' (the event is emitted inside that move). */
let listWhileProving: Promise<unknown> | undefined;

const query = async (name: string, input: unknown = {}) => core.dispatch({ v: 1, kind: 'query', name, input });

interface JobRow {
  id: string;
  state: string;
  backend: string | null;
  circuitName: string | null;
  constraints: number | null;
  provingTimeMs: number | null;
  costCents: number | null;
  priceCents: number | null;
  startedAtMs: number | null;
  endedAtMs: number | null;
}

beforeAll(async () => {
  const circuit = await sandboxCircuit('poseidon-chain-small');
  sandbox = await startBatchApiSandbox({ participants: [{ id: 'ui-user', batches: [{ circuit, input: poseidonChainInput() }] }] });
  const store = openStore(databaseFileIn(dataDir));
  store.coordinators.upsert({ id: 'practice-ish', kind: 'batch-api', name: 'Sandbox', config: { url: sandbox.url }, enabled: true });
  store.close();
  await createKeychain({ service: keychainService }).set(participantAccount('practice-ish'), 'ui-user');
  core = await startCore({ dataDir, mode: 'headless', appVersion: '0.0.0-test', sampleIntervalMs: 1000, keychainService });
  core.subscribe((event) => {
    events.push(event);
    if (event.name === 'jobs.changed' && (event.payload as { state: string }).state === 'proving') listWhileProving ??= query('jobs.list', { limit: 10 });
  });
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
    // However quickly a proving phase passes, its end reaches the UI.
    const progress = events.filter((e) => e.name === 'scheduler.progress').map((e) => e.payload as { phase: string; fraction: number });
    const provingPhases = [...phases].filter((phase) => phase !== 'downloading' && phase !== 'submitting');
    expect(provingPhases.length).toBeGreaterThan(1);
    for (const phase of provingPhases) expect(progress.filter((p) => p.phase === phase).at(-1)?.fraction, phase).toBe(1);

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

  it("lists a proven job's circuit, size, proving time, cost, price and timings, from its events", async () => {
    const list = (await query('jobs.list', { limit: 10 })) as { ok: true; result: { jobs: JobRow[] } };
    const job = list.result.jobs[0]!;
    const history = ((await query('jobs.events', { jobId: job.id })) as { result: { events: { kind: string; atMs: number; data: unknown }[] } }).result.events;
    const proving = history.find((e) => e.kind === 'proving')!;
    const proved = history.find((e) => e.kind === 'proved')!.data as { provingTimeMs: number; costCents: number; priceCents: number };

    expect(proving.data).toEqual({ backend: 'native', circuitName: 'poseidon-chain-small', constraints: expect.any(Number), device: 'cpu', deviceName: 'CPU' });
    expect(job).toMatchObject({ state: 'accepted', backend: 'native', circuitName: 'poseidon-chain-small', deviceName: 'CPU' });
    expect(job.constraints).toBe((proving.data as { constraints: number }).constraints);
    expect(job.constraints).toBeGreaterThan(0);
    expect(job.provingTimeMs).toBeGreaterThan(0);
    expect({ provingTimeMs: job.provingTimeMs, costCents: job.costCents, priceCents: job.priceCents }).toEqual({
      provingTimeMs: proved.provingTimeMs,
      costCents: proved.costCents,
      priceCents: proved.priceCents,
    });
    expect(job.priceCents).toBeGreaterThanOrEqual(job.costCents!);
    expect(job.startedAtMs).toBe(history.find((e) => e.kind === 'downloading')!.atMs);
    // It ended with the move to 'accepted': after the proof was sent, no later than that move's event.
    expect(job.endedAtMs).toBeGreaterThan(job.startedAtMs!);
    expect(job.endedAtMs).toBeGreaterThanOrEqual(history.find((e) => e.kind === 'submit-attempt')!.atMs);
    expect(job.endedAtMs).toBeLessThanOrEqual(history.find((e) => e.kind === 'accepted')!.atMs);
    expect(job.endedAtMs! - job.startedAtMs!).toBeGreaterThanOrEqual(job.provingTimeMs!);

    // While it was proving: its circuit was known, its proof and end were not.
    const during = (await listWhileProving) as { ok: true; result: { jobs: JobRow[] } };
    expect(during.result.jobs.find((j) => j.id === job.id)).toMatchObject({
      state: 'proving',
      circuitName: 'poseidon-chain-small',
      constraints: job.constraints,
      provingTimeMs: null,
      costCents: null,
      priceCents: null,
      startedAtMs: job.startedAtMs,
      endedAtMs: null,
    });
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
