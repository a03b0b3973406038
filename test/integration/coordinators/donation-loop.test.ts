// The whole donation loop with real parts: an organisation uploads a practice circuit and input groups, a donor
// reserves a group, proves it with the native engine and uploads the proof, the organisation verifies it with
// snarkjs and accepts or rejects it. Then the adapter: admission by the reservation's length, "no work",
// round-robin, a fetch that survives a restart from the spool, and the scheduler running it end to end.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DonationAdapter, type DonationAdapterConfig } from '../../../src-main/core/coordinators/donation/adapter.js';
import type { Reservation } from '../../../src-main/core/coordinators/donation/donor-client.js';
import { startDonationSandbox, type DonationSandbox } from '../../../src-main/core/coordinators/donation/sandbox-server.js';
import type { SandboxCircuit } from '../../../src-main/core/coordinators/batch-api/sandbox-server.js';
import { EngineHost } from '../../../src-main/core/engine/engine-host.js';
import { forkEngineProcess } from '../../../src-main/core/engine/fork-engine.js';
import { PackageCache } from '../../../src-main/core/engine/package-cache.js';
import { encodeProofResult } from '../../../src-main/core/engine/proof-result.js';
import { releaseSnarkjsWorkers } from '../../../src-main/core/engine/snarkjs-workers.js';
import { computeWitness } from '../../../src-main/core/engine/witness.js';
import type { Logger } from '../../../src-main/core/log/logger.js';
import { defaultCostModel } from '../../../src-main/core/pricing/cost-model.js';
import type { PollResult } from '../../../src-main/core/scheduler/coordinator-adapter.js';
import { JobProver } from '../../../src-main/core/scheduler/job-prover.js';
import { Scheduler } from '../../../src-main/core/scheduler/scheduler.js';
import { openStore } from '../../../src-main/core/store/open-store.js';
import type { Job } from '../../../src-main/core/store/repos/jobs-repo.js';
import type { Store } from '../../../src-main/core/store/store.js';
import { poseidonChainInput } from '../../fixtures/circuits/inputs.js';
import { donorFor, organisationFor, practiceWork, proveReservation, riscZeroProgramTar } from '../../support/donation-sandbox.js';
import { sandboxCircuit } from '../../support/sandbox-circuits.js';

const scratch = mkdtempSync(join(tmpdir(), 'proverdesk-donation-'));
const engine = new EngineHost(forkEngineProcess);
const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const never = new AbortController().signal;
let circuit: SandboxCircuit;
let sandbox: DonationSandbox;
let zkeyPath: string;
let store: Store;

const input = (salt: number) => ({ ...poseidonChainInput(), salt: String(salt) });
const owner = { username: 'erin', password: 'erin-long-password' };
const practiceProgram = (name: string, inputLockTimeoutS: number, groups: number, seed: number) => ({
  owner: owner.username,
  name,
  description: `practice program ${name}`,
  inputLockTimeoutS,
  packageBytes: circuit.packageBytes,
  inputGroups: Array.from({ length: groups }, (_, i) => [input(seed + i)]),
});

function adapterFor(config: DonationAdapterConfig, estimateProvingMs: (constraints: number) => number, id = 'donation-sandbox'): DonationAdapter {
  return new DonationAdapter(id, 'Donation sandbox', donorFor(sandbox), new PackageCache(join(scratch, 'packages'), 2 ** 28), join(scratch, 'spool', id), config, estimateProvingMs);
}

/** The job row the scheduler keeps for a polled job. */
function jobOf(polled: Extract<PollResult, { kind: 'job' }>): Job {
  const now = Date.now();
  return { id: `job-${polled.externalId}`, coordinatorId: 'donation', externalId: polled.externalId, state: 'downloading', inputRef: JSON.stringify(polled.payload), resultRef: null, error: null, attempts: 1, deadlineAtMs: polled.deadlineAtMs ?? null, createdAtMs: now, updatedAtMs: now };
}

beforeAll(async () => {
  circuit = await sandboxCircuit('poseidon-chain-small');
  zkeyPath = join(scratch, 'circuit.zkey');
  writeFileSync(zkeyPath, circuit.circuit.zkey);
  sandbox = await startDonationSandbox({
    accounts: [{ username: owner.username, password: owner.password, name: 'Erin Trust', description: '' }],
    programs: [
      practiceProgram('short-lock', 30, 1, 300),
      practiceProgram('drained', 600, 1, 400),
      practiceProgram('restartable', 600, 1, 500),
      practiceProgram('round-a', 600, 2, 600),
      practiceProgram('round-b', 600, 2, 700),
      practiceProgram('scheduled', 600, 2, 800),
      { owner: owner.username, name: 'risc-zero', description: 'a RISC Zero guest', inputLockTimeoutS: 600, packageBytes: Buffer.from(riscZeroProgramTar('guest')), inputGroups: [[Buffer.from([1, 2, 3])]] },
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

describe('donation loop', () => {
  it('takes a group from upload to accepted: reserve, native proof, upload, snarkjs verification; a bad proof is rejected and redone', async () => {
    const { client: org } = organisationFor(sandbox);
    await org.register({ username: 'fay', password: 'fay-long-password', name: 'Fay Fund', description: 'loop test' });
    await org.login('fay', 'fay-long-password');
    const programId = await org.uploadProgram(circuit.packageBytes, { name: 'loop-circuit', description: 'Poseidon chain', executionTimeoutS: 600 });
    const first = [input(101), { salt: '102' }];
    const g1 = await org.uploadInputGroup(programId, 'first', first);
    const g2 = await org.uploadInputGroup(programId, 'second', [input(201)]);

    const donor = donorFor(sandbox);
    const inspected = await donor.inspectProgram(programId);
    expect(inspected.content).toMatchObject({ kind: 'practice', package: { manifest: { constraints: circuit.circuit.manifest.constraints } } });
    expect(sandbox.groups(programId).map((g) => g.state)).toEqual(['free', 'free']); // looking reserved nothing

    const organizationId = (await donor.listPrograms({ nameFilter: 'loop-circuit' })).programs[0]!.organization_id;
    const reserveNext = async (): Promise<Reservation> => {
      const outcome = await donor.reserve(programId);
      if (outcome.kind !== 'reserved') throw new Error(`expected a reservation, got ${outcome.kind}`);
      return outcome.reservation;
    };
    const upload = (reservation: Reservation, proof: Buffer) => donor.uploadProof({ organizationId, programId, inputGroupId: reservation.inputGroupId, proof });

    const r1 = await reserveNext();
    expect([r1.inputGroupId, practiceWork(r1).input]).toEqual([g1, { ...input(101), salt: '102' }]);
    await upload(r1, await proveReservation(engine, zkeyPath, r1));
    expect((await org.listProvenGroups(programId)).program_input_groups.map((g) => g.input_group_id)).toEqual([g1]);
    expect(await org.verify(programId, g1, { ...first[0], ...first[1] })).toEqual({ valid: true, reason: "the proof verifies and its public signals are the group input's" });
    await org.accept(programId, g1);

    // A proof with a forged public signal: snarkjs refuses it, and so does the input check.
    const r2 = await reserveNext();
    const forged = JSON.parse((await proveReservation(engine, zkeyPath, r2)).toString('utf8')) as { proof: Record<string, unknown>; publicSignals: string[] };
    forged.publicSignals[0] = (BigInt(forged.publicSignals[0]!) + 1n).toString();
    await upload(r2, encodeProofResult(forged));
    expect(await org.verify(programId, g2)).toEqual({ valid: false, reason: "the proof does not verify with the program's verification key" });
    expect(await org.verify(programId, g2, input(201))).toEqual({ valid: false, reason: "its public signals are not the ones this group's input gives" });
    await org.reject(programId, g2);

    // Rejected: free again at once; a real proof replaces the forged one.
    const again = await reserveNext();
    expect(again.inputGroupId).toBe(g2);
    await upload(again, await proveReservation(engine, zkeyPath, again));
    expect(await sandbox.verifyProof(programId, g2)).toMatchObject({ valid: true });
    expect(await org.verify(programId, g2, input(201))).toMatchObject({ valid: true });
    await org.accept(programId, g2);
    expect(sandbox.groups(programId)).toEqual([]);
    expect(await donor.reserve(programId)).toEqual({ kind: 'no-work' });
  });
});

describe('donation adapter', () => {
  it('skips a program whose reservation is too short for the estimated proof, and says why', async () => {
    const shortLock = sandbox.programId('short-lock');
    const slow = adapterFor({ programIds: [shortLock] }, () => 60_000);
    expect(await slow.poll(never)).toEqual({ kind: 'idle', reason: 'skipped short-lock: needs ~85 s, reservation lasts 30 s', retryAfterMs: 60_000 });
    expect(sandbox.groups(shortLock).map((g) => g.state)).toEqual(['free']); // nothing was reserved

    const fast = adapterFor({ programIds: [shortLock] }, () => 1_000);
    expect(await fast.poll(never)).toMatchObject({ kind: 'job', externalId: `${shortLock}/${sandbox.groups(shortLock)[0]!.inputGroupId}` });
  });

  it('goes idle with "no work left for now" once every chosen program is out of free groups', async () => {
    const drained = sandbox.programId('drained');
    const adapter = adapterFor({ programIds: [drained, sandbox.programId('short-lock')] }, () => 60_000);
    expect(await adapter.poll(never)).toMatchObject({ kind: 'job' });
    expect(await adapter.poll(never)).toEqual({ kind: 'idle', reason: 'no work left for now; skipped short-lock: needs ~85 s, reservation lasts 30 s', retryAfterMs: 60_000 });
    expect(await adapterFor({ programIds: ['not-listed'] }, () => 1).poll(never)).toMatchObject({ kind: 'idle', reason: 'none of the chosen programs is listed by the server' });
  });

  it('takes turns between the chosen programs', async () => {
    const [a, b] = [sandbox.programId('round-a'), sandbox.programId('round-b')];
    const adapter = adapterFor({ programIds: [b, a] }, () => 1_000);
    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      const result = await adapter.poll(never);
      if (result.kind !== 'job') throw new Error(`expected a job, got ${result.kind}`);
      order.push(String(result.payload.programId));
    }
    expect(order).toEqual([a, b, a, b]); // listing order, one each in turn
  });

  it('fetches a reserved group from the spool after a restart, and uploads its proof', async () => {
    const programId = sandbox.programId('restartable');
    const before = Date.now();
    const polled = await adapterFor({ programIds: [programId] }, () => 1_000, 'restart').poll(never);
    if (polled.kind !== 'job') throw new Error(`expected a job, got ${polled.kind}`);
    const [group] = sandbox.groups(programId);
    expect(polled).toMatchObject({ externalId: `${programId}/${group!.inputGroupId}`, payload: { programId, inputGroupId: group!.inputGroupId, organizationId: sandbox.organizationId(owner.username) } });
    expect(polled.deadlineAtMs).toBeGreaterThanOrEqual(before + 600_000);
    expect(polled.deadlineAtMs).toBeLessThanOrEqual(Date.now() + 600_000);

    // A new adapter, as after a crash: nothing in memory, only the spool and the package cache on disk.
    const restarted = adapterFor({ programIds: [programId] }, () => 1_000, 'restart');
    const job = jobOf(polled);
    const fetched = await restarted.fetch(job, polled.payload, join(scratch, 'work'), never);
    if (fetched.kind !== 'circuit') throw new Error(`expected a circuit, got ${fetched.kind}`);
    expect(fetched).toMatchObject({ input: input(500), constraints: circuit.circuit.manifest.constraints, circuitName: 'poseidon-chain-small' });
    const { proof, publicSignals } = await engine.prove({ zkeyPath: fetched.zkeyPath, witness: await computeWitness(fetched.wasm, fetched.input), threads: 2 }).result;
    const result = await restarted.submit(job, polled.payload, { proof: encodeProofResult({ proof: proof as unknown as Record<string, unknown>, publicSignals }), provingTimeMs: 1, costCents: 0, priceCents: 0, acceleration: 'NONE' }, never);
    expect(result).toEqual({ kind: 'accepted', message: 'proof uploaded; the organisation verifies it' });
    expect(await sandbox.verifyProof(programId, group!.inputGroupId)).toMatchObject({ valid: true });
    expect(readdirSync(join(scratch, 'spool', 'restart'))).toEqual([]); // done with the spooled inputs
  });

  it('hands programs that are not circuit packages to the external backend with the reservation archive', async () => {
    const programId = sandbox.programId('risc-zero');
    const adapter = adapterFor({ programIds: [programId] }, () => 1_000, 'external');
    const polled = await adapter.poll(never);
    if (polled.kind !== 'job') throw new Error(`expected a job, got ${polled.kind}`);
    const fetched = await adapter.fetch(jobOf(polled), polled.payload, join(scratch, 'work'), never);
    expect(fetched).toEqual({ kind: 'external', inputFile: expect.stringMatching(/reservation\.tar$/) });
  });

  it('maps upload failures: a strict server not knowing the group is "gone", a server error is a clear message', async () => {
    const strict = await startDonationSandbox({ strictProofUploads: true });
    try {
      const adapter = new DonationAdapter('strict', 'Strict sandbox', donorFor(strict), new PackageCache(join(scratch, 'packages'), 2 ** 28), join(scratch, 'spool', 'strict'), {}, () => 1);
      const payload = { programId: 'p', organizationId: 'o', inputGroupId: 'g', spool: '0'.repeat(32) };
      const job = jobOf({ kind: 'job', externalId: 'p/g', payload, note: '' });
      const proof = { proof: Buffer.from('proof'), provingTimeMs: 1, costCents: 0, priceCents: 0, acceleration: 'NONE' };
      expect(await adapter.submit(job, payload, proof, never)).toMatchObject({ kind: 'gone', message: expect.stringContaining('sandbox strict mode') });
      strict.injectFault({ on: 'upload-proof', kind: 'error-500' });
      await expect(adapter.submit(job, payload, proof, never)).rejects.toThrow('the server failed while handling the request (HTTP 500 INTERNAL_SERVER_ERROR: Internal server error)');
    } finally {
      await strict.close();
    }
  });

  it('runs under the scheduler: every group proven, uploaded and valid', async () => {
    const programId = sandbox.programId('scheduled');
    store.coordinators.upsert({ id: 'scheduled', kind: 'donation', name: 'Donation sandbox', config: { url: sandbox.url, programIds: [programId] }, enabled: true });
    const scheduler = new Scheduler({
      store,
      adapters: [adapterFor({ programIds: [programId] }, () => 1_000, 'scheduled')],
      prover: new JobProver(engine, () => undefined),
      dataDir: scratch,
      threads: () => 2,
      costModel: defaultCostModel,
      log: quiet,
      submitAttempts: 2,
    });
    await scheduler.run({ once: true });
    const jobs = store.jobs.list({ limit: 10 }).filter((j) => j.coordinatorId === 'scheduled');
    expect(jobs.map((j) => j.state)).toEqual(['accepted', 'accepted']);
    for (const group of sandbox.groups(programId)) {
      expect(group.state).toBe('proven');
      expect(await sandbox.verifyProof(programId, group.inputGroupId)).toMatchObject({ valid: true });
    }
  });
});
