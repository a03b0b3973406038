// A market promise survives a hold: a Succinct request won before the governor held new work back (the laptop
// unplugged after the bid) is still proven and fulfilled before its deadline, while nothing new is bid on until
// the hold ends. Real sandbox network, real engine, real SQLite; the governor is a stand-in saying "on battery"
// (no battery here).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SandboxCircuit } from '../../../src-main/core/coordinators/batch-api/sandbox-server.js';
import { SuccinctAdapter } from '../../../src-main/core/coordinators/succinct/adapter.js';
import { FulfillmentStatus, ProofMode } from '../../../src-main/core/coordinators/succinct/gen/types_pb.js';
import { SuccinctClient } from '../../../src-main/core/coordinators/succinct/network-client.js';
import { MIN_STAKE_WEI } from '../../../src-main/core/coordinators/succinct/sandbox/network-state.js';
import { startSuccinctSandbox, type SuccinctSandbox } from '../../../src-main/core/coordinators/succinct/sandbox/sandbox-network.js';
import { EngineHost } from '../../../src-main/core/engine/engine-host.js';
import { forkEngineProcess } from '../../../src-main/core/engine/fork-engine.js';
import { PackageCache } from '../../../src-main/core/engine/package-cache.js';
import { releaseSnarkjsWorkers } from '../../../src-main/core/engine/snarkjs-workers.js';
import type { Logger } from '../../../src-main/core/log/logger.js';
import { HttpClient } from '../../../src-main/core/net/http-client.js';
import { defaultCostModel } from '../../../src-main/core/pricing/cost-model.js';
import { JobProver } from '../../../src-main/core/scheduler/job-prover.js';
import { Scheduler, type SchedulerGovernor } from '../../../src-main/core/scheduler/scheduler.js';
import { fromHex, generatePrivateKey, toHex } from '../../../src-main/core/secrets/eth-signer.js';
import { signerFromKey } from '../../../src-main/core/secrets/signing-keys.js';
import { openStore } from '../../../src-main/core/store/open-store.js';
import type { Store } from '../../../src-main/core/store/store.js';
import { poseidonChainInput } from '../../fixtures/circuits/inputs.js';
import { sandboxCircuit } from '../../support/sandbox-circuits.js';

const scratch = mkdtempSync(join(tmpdir(), 'proverdesk-commitments-'));
const engine = new EngineHost(forkEngineProcess);
const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const signer = signerFromKey(generatePrivateKey());
let circuit: SandboxCircuit;
let sandbox: SuccinctSandbox;
let store: Store;

beforeAll(async () => {
  circuit = await sandboxCircuit('poseidon-chain-small');
  store = openStore(join(scratch, 'store.sqlite'));
  sandbox = await startSuccinctSandbox({ maxPricePerPguWei: 10n ** 13n, accounts: [{ address: toHex(signer.address), stakedWei: MIN_STAKE_WEI }] });
}, 240_000);

afterAll(async () => {
  await sandbox?.close();
  store?.close();
  await engine.close();
  await releaseSnarkjsWorkers();
  rmSync(scratch, { recursive: true, force: true });
});

it('proves a request won before the hold, and bids on nothing new while held', async () => {
  store.coordinators.upsert({ id: 'spn', kind: 'succinct', name: 'SPN', config: {}, enabled: true });
  const adapter = new SuccinctAdapter('spn', 'SPN', {
    client: new SuccinctClient({ url: sandbox.url, signer }),
    http: new HttpClient({ timeoutMs: 10_000, retries: 1, retryBaseMs: 20 }),
    packages: new PackageCache(join(scratch, 'packages'), 2 ** 28),
    bids: store.marketBids,
    settings: () => ({ version: sandbox.state.params.version, mode: ProofMode.GROTH16, maxOutstanding: 4, maxGasLimit: 0n, bufferMs: 5_000, maxArtifactBytes: 2 ** 28 }),
    provingMs: () => 2_000,
    bidWeiPerPgu: () => 50_000_000n,
    jobEnded: (requestId) => ['accepted', 'rejected', 'failed', 'expired', 'cancelled'].includes(store.jobs.findByExternal('spn', requestId)?.state ?? ''),
  });
  const won = sandbox.postRequest({ circuit, input: { ...poseidonChainInput(), salt: '1' }, deadlineInS: 300 });
  await adapter.poll(new AbortController().signal); // the bid, before the hold
  await expect.poll(() => sandbox.state.details(fromHex(won)).fulfillmentStatus).toBe(FulfillmentStatus.ASSIGNED);

  const onBattery: SchedulerGovernor = { holdReason: () => 'Paused: on battery', startingCpuPct: () => 100, attach: () => () => undefined };
  const open = sandbox.postRequest({ circuit, input: { ...poseidonChainInput(), salt: '2' }, deadlineInS: 300 });
  const scheduler = new Scheduler({ store, adapters: [adapter], prover: new JobProver(engine, () => undefined), dataDir: scratch, threads: () => 2, governor: onBattery, costModel: defaultCostModel, log: quiet });
  const running = scheduler.run();
  try {
    await expect.poll(() => sandbox.state.details(fromHex(won)).fulfillmentStatus, { timeout: 60_000 }).toBe(FulfillmentStatus.FULFILLED);
    const job = store.jobs.findByExternal('spn', won)!;
    await expect.poll(() => store.jobs.get(job.id)!.state).toBe('accepted');
    expect(store.jobEvents.listForJob(job.id).find((e) => e.kind === 'claimed')!.message).toBe('assigned to this machine (promised before the hold)');
    expect(scheduler.activity()[0]!.idleReason).toBe('waiting: Paused: on battery');
    // Nothing new was bid on while held.
    expect(store.marketBids.get('spn', open)).toBeUndefined();
    expect(sandbox.state.filtered({ notBidBy: signer.address }).map((r) => toHex(r.requestId))).toContain(open);
  } finally {
    await scheduler.stop();
    await running;
  }
}, 120_000);
