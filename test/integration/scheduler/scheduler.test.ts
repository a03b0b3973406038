// Scheduler v1 against the batch-API sandbox: real SQLite file, real engine process, real proofs checked by
// the server with snarkjs. Jobs go through every state with events; after a simulated crash in each state a
// new scheduler finishes them exactly once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchApiAdapter } from '../../../src-main/core/coordinators/batch-api/adapter.js';
import { BatchApiClient } from '../../../src-main/core/coordinators/batch-api/client.js';
import { startBatchApiSandbox, type BatchApiSandbox, type SandboxCircuit } from '../../../src-main/core/coordinators/batch-api/sandbox-server.js';
import { EngineHost } from '../../../src-main/core/engine/engine-host.js';
import { forkEngineProcess } from '../../../src-main/core/engine/fork-engine.js';
import { PackageCache } from '../../../src-main/core/engine/package-cache.js';
import { releaseSnarkjsWorkers } from '../../../src-main/core/engine/snarkjs-workers.js';
import type { Logger } from '../../../src-main/core/log/logger.js';
import { defaultCostModel, proofCostCents, proofCostNanoUsd } from '../../../src-main/core/pricing/cost-model.js';
import { JobProver } from '../../../src-main/core/scheduler/job-prover.js';
import { jobStatsSince } from '../../../src-main/core/scheduler/job-stats.js';
import { saveProofFile } from '../../../src-main/core/scheduler/proof-file.js';
import { Scheduler } from '../../../src-main/core/scheduler/scheduler.js';
import { HttpClient } from '../../../src-main/core/net/http-client.js';
import { openStore } from '../../../src-main/core/store/open-store.js';
import type { Store } from '../../../src-main/core/store/store.js';
import { sandboxCircuit } from '../../support/sandbox-circuits.js';
import { poseidonChainInput } from '../../fixtures/circuits/inputs.js';

const scratch = mkdtempSync(join(tmpdir(), 'proverdesk-scheduler-'));
const engine = new EngineHost(forkEngineProcess);
const prover = new JobProver(engine, () => undefined);
const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };
let circuit: SandboxCircuit;
let sandbox: BatchApiSandbox;
let store: Store;

const batches = (count: number, seed: number) =>
  Array.from({ length: count }, (_, i) => ({ circuit, input: { ...poseidonChainInput(), salt: String(seed + i) } }));

function adapterFor(participantId: string, coordinatorId: string): BatchApiAdapter {
  store.coordinators.upsert({ id: coordinatorId, kind: 'batch-api', name: `Sandbox ${participantId}`, config: { url: sandbox.url }, enabled: true });
  const http = new HttpClient({ timeoutMs: 10_000, retries: 1, retryBaseMs: 20 });
  const client = new BatchApiClient({ url: sandbox.url, participantId, deploymentVersion: 'proverdesk-test' }, http);
  return new BatchApiAdapter(coordinatorId, `Sandbox ${participantId}`, client, new PackageCache(join(scratch, 'packages'), 2 ** 26), sandbox.url);
}

const schedulerFor = (adapters: BatchApiAdapter[]) =>
  new Scheduler({ store, adapters, prover, dataDir: scratch, threads: () => 2, costModel: () => ({ ...defaultCostModel(), overheadCentsPerProof: 2 }), log: quiet, submitAttempts: 2 });

const jobsOf = (coordinatorId: string) => store.jobs.list({ limit: 100 }).filter((j) => j.coordinatorId === coordinatorId);
const eventKinds = (jobId: string) => store.jobEvents.listForJob(jobId).map((e) => e.kind);

beforeAll(async () => {
  circuit = await sandboxCircuit('poseidon-chain-small');
  sandbox = await startBatchApiSandbox({
    participants: [
      { id: 'alice', batches: batches(2, 100) },
      { id: 'dave', batches: batches(2, 200) },
      { id: 'erin', batches: batches(1, 300) },
      { id: 'frank', batches: batches(1, 400) },
      { id: 'gina', batches: batches(1, 500) },
    ],
  });
  store = openStore(join(scratch, 'proverdesk.db'));
});

afterAll(async () => {
  store?.close();
  await sandbox?.close();
  engine.close();
  await releaseSnarkjsWorkers();
  rmSync(scratch, { recursive: true, force: true });
});

describe('scheduler', () => {
  it('takes every batch through the whole loop, prices it and stops at "no more batches"', async () => {
    await schedulerFor([adapterFor('alice', 'alice')]).run({ once: true });
    const jobs = jobsOf('alice');
    expect(jobs.map((j) => j.state)).toEqual(['accepted', 'accepted']);
    for (const job of jobs) {
      expect(eventKinds(job.id)).toEqual(['discovered', 'claimed', 'downloading', 'proving', 'proved', 'submit-attempt', 'accepted']);
    }
    const submitted = sandbox.submissions().filter((s) => s.participantId === 'alice');
    expect(submitted).toHaveLength(2);
    for (const s of submitted) {
      expect(s.costCents).toBe(proofCostCents({ ...defaultCostModel(), overheadCentsPerProof: 2 }, s.provingTimeMs));
      expect(s.priceCents).toBeGreaterThanOrEqual(s.costCents);
      expect(s.acceleration).toBe('NONE');
    }
    // The ledger books each proof's cost unrounded, in billionths of a dollar; the server was told whole cents.
    const ledger = store.earnings.list({ sinceMs: 0, untilMs: Date.now() + 1 }).filter((e) => e.coordinatorId === 'alice');
    const model = { ...defaultCostModel(), overheadCentsPerProof: 2 };
    expect(ledger.map((e) => e.currency)).toEqual(['USD-nano', 'USD-nano']);
    expect(ledger.map((e) => e.amountMinor).sort()).toEqual(submitted.map((s) => -BigInt(proofCostNanoUsd(model, s.provingTimeMs))).sort());
    for (const s of submitted) expect(proofCostNanoUsd(model, s.provingTimeMs)).toBeLessThanOrEqual(s.costCents * 10_000_000);
    // The Dashboard's figures for the same jobs.
    const sinceFirst = Math.min(...jobs.map((j) => j.createdAtMs));
    expect(jobStatsSince(store, sinceFirst)).toEqual({
      accepted: 2,
      rejected: 0,
      failed: 0,
      costCents: submitted.reduce((t, s) => t + s.costCents, 0),
      priceCents: submitted.reduce((t, s) => t + s.priceCents, 0),
    });
    expect(jobStatsSince(store, Date.now() + 60_000).accepted).toBe(0);
  });

  it('after a crash while proving, proves the job again and submits it once', async () => {
    const adapter = adapterFor('dave', 'dave');
    const poll = await adapter.poll(new AbortController().signal);
    if (poll.kind !== 'job') throw new Error('expected a batch');
    store.jobs.create({ id: 'dave-crashed', coordinatorId: 'dave', externalId: poll.externalId, state: 'discovered', inputRef: JSON.stringify(poll.payload) }, { kind: 'discovered', message: 'test' });
    store.jobs.transition('dave-crashed', ['discovered'], 'claimed', {}, { kind: 'claimed', message: 'test' });
    store.jobs.transition('dave-crashed', ['claimed'], 'downloading', {}, { kind: 'downloading', message: 'test' });
    store.jobs.transition('dave-crashed', ['downloading'], 'proving', {}, { kind: 'proving', message: 'test' });

    await schedulerFor([adapter]).run({ once: true });
    expect(store.jobs.get('dave-crashed')?.state).toBe('accepted');
    expect(eventKinds('dave-crashed')).toContain('recovered');
    expect(jobsOf('dave').map((j) => j.state)).toEqual(['accepted', 'accepted']); // and the next batch too
    const requests = sandbox.submissions().filter((s) => s.participantId === 'dave').map((s) => s.requestId);
    expect(new Set(requests).size).toBe(2);
  });

  it('after a crash with a proof on disk, submits without proving again; a repeat the server already took is not counted twice', async () => {
    const adapter = adapterFor('erin', 'erin');
    const signal = new AbortController().signal;
    const poll = await adapter.poll(signal);
    if (poll.kind !== 'job') throw new Error('expected a batch');
    const input = await adapter.fetch({} as never, poll.payload, scratch, signal);
    const proved = await prover.prove(input, { threads: 2, signal });
    const saved = await saveProofFile(scratch, 'erin-crashed', proved.proof, { provingTimeMs: 10, costCents: 1, priceCents: 2, acceleration: 'NONE' }, (error) => {
      throw error;
    });
    await saved.synced;
    const proofPath = saved.path;
    // The app submitted, the server accepted, and the app died before it could record that.
    expect(await adapter.submit({} as never, poll.payload, { proof: proved.proof, provingTimeMs: 10, costCents: 1, priceCents: 2, acceleration: 'NONE' }, signal)).toMatchObject({ kind: 'accepted' });
    store.jobs.create({ id: 'erin-crashed', coordinatorId: 'erin', externalId: poll.externalId, state: 'discovered', inputRef: JSON.stringify(poll.payload) });
    for (const [from, to] of [['discovered', 'claimed'], ['claimed', 'downloading'], ['downloading', 'proving']] as const) {
      store.jobs.transition('erin-crashed', [from], to, {}, { kind: to, message: 'test' });
    }
    store.jobs.transition('erin-crashed', ['proving'], 'submitting', { resultRef: proofPath }, { kind: 'proved', message: 'test' });
    store.jobEvents.append('erin-crashed', { kind: 'submit-attempt', message: 'test' });

    await schedulerFor([adapter]).run({ once: true });
    const job = store.jobs.get('erin-crashed')!;
    expect(job.state).toBe('failed');
    expect(job.error).toMatch(/probably accepted before the app stopped/);
    const afterRestart = eventKinds('erin-crashed').slice(eventKinds('erin-crashed').indexOf('recovered'));
    expect(afterRestart).toEqual(['recovered', 'submit-attempt', 'outcome-unknown']); // straight to submitting, no second proof
    expect(sandbox.submissions().filter((s) => s.participantId === 'erin')).toHaveLength(1);
    expect(store.earnings.list({ sinceMs: 0, untilMs: Date.now() + 1 }).filter((e) => e.jobId === 'erin-crashed')).toHaveLength(0);
  });

  it('pauses a coordinator whose participant the server does not know, with the reason', async () => {
    await schedulerFor([adapterFor('nobody', 'nobody')]).run({ once: true });
    expect(store.coordinators.get('nobody')?.pausedReason).toMatch(/does not know this participant ID/);
    expect(store.coordinators.get('nobody')?.pausedReason).not.toContain('nobody'); // the ID is a secret
    expect(jobsOf('nobody')).toHaveLength(0);
  });

  it('cancels a running job on request, pauses the coordinator that keeps offering it, and proves it once resumed', async () => {
    const scheduler = schedulerFor([adapterFor('frank', 'frank')]);
    const running = scheduler.run({ once: true });
    while (!scheduler.current() || scheduler.current()?.phase === 'downloading') await new Promise((r) => setTimeout(r, 5));
    expect(scheduler.cancel(scheduler.current()!.jobId)).toBe(true);
    await running;
    const [job] = jobsOf('frank');
    expect(eventKinds(job!.id)).toEqual(expect.arrayContaining(['cancelled', 'held']));
    expect(store.coordinators.get('frank')?.pausedReason).toMatch(/^you cancelled its current job \(batch request \d+\) and it offers nothing else; resume it/);
    expect(sandbox.submissions().filter((s) => s.participantId === 'frank')).toHaveLength(0);

    store.coordinators.setPaused('frank', null); // the user resumes it
    await schedulerFor([adapterFor('frank', 'frank')]).run({ once: true });
    expect(store.jobs.get(job!.id)?.state).toBe('accepted');
    expect(sandbox.submissions().filter((s) => s.participantId === 'frank')).toHaveLength(1);
  });

  it('tries a failed job again when the coordinator offers it again', async () => {
    sandbox.injectFault({ on: 'download', kind: 'error-500', times: 2 }); // the first fetch fails after its retry
    await schedulerFor([adapterFor('gina', 'gina')]).run({ once: true });
    const [job] = jobsOf('gina');
    expect(job?.state).toBe('accepted');
    expect(job?.attempts).toBe(2);
    const kinds = eventKinds(job!.id);
    expect(kinds.slice(kinds.indexOf('failed'))).toEqual(['failed', 'retry', 'downloading', 'proving', 'proved', 'submit-attempt', 'accepted']);
  });
});
