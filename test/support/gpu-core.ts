// A running core on a machine with an emulated GPU (see gpu-emulation.ts), proving a batch-API sandbox's batches,
// with the GPU measured twenty times faster than the CPU so that jobs go to it. For tests of GPU jobs end to end.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventMessage } from '../../src-main/core/api/contract.js';
import { startBatchApiSandbox, type BatchApiSandbox } from '../../src-main/core/coordinators/batch-api/sandbox-server.js';
import { participantAccount } from '../../src-main/core/coordinators/registry.js';
import { startCore, type Core } from '../../src-main/core/core.js';
import { databaseFileIn } from '../../src-main/core/data-dir.js';
import { saveCalibration, saveGpuCalibration, type Calibration } from '../../src-main/core/engine/calibration.js';
import { releaseSnarkjsWorkers } from '../../src-main/core/engine/snarkjs-workers.js';
import { createKeychain } from '../../src-main/core/secrets/keychain.js';
import { openStore } from '../../src-main/core/store/open-store.js';
import { poseidonChainInput } from '../fixtures/circuits/inputs.js';
import { emulatedGpuEnvironment } from './gpu-emulation.js';
import { sandboxCircuit } from './sandbox-circuits.js';

export const EMULATED_GPU = { id: 'cuda:0', name: 'NVIDIA H100 80GB HBM3' };

export interface GpuCore {
  core: Core;
  dataDir: string;
  /** Every event the core has sent so far. */
  events: EventMessage[];
  query(name: string, input?: unknown): Promise<unknown>;
  /** Waits until `count` jobs have ended (accepted, failed or rejected). */
  jobsEnded(count: number): Promise<void>;
  close(): Promise<void>;
}

const calibration = (constraintsPerSecond: number): Calibration => ({
  constraintsPerSecond,
  fixedMs: 100,
  threads: 2,
  measuredAtMs: Date.now(),
  samples: [],
  correction: 1,
});

/** Sets process.env for the engine process the core starts: call it from a test file of its own. */
export async function startGpuCore(options: { batches: number; extraEnv?: Record<string, string> }): Promise<GpuCore> {
  const savedEnv = { ...process.env };
  Object.assign(process.env, emulatedGpuEnvironment({ gpus: `${EMULATED_GPU.name}|85520809984|9.0` }), options.extraEnv ?? {});
  const dataDir = mkdtempSync(join(tmpdir(), 'proverdesk-gpu-core-'));
  const keychainService = `ProverDesk-test-${randomUUID()}`;
  const circuit = await sandboxCircuit('poseidon-chain-small');
  const batches = Array.from({ length: options.batches }, () => ({ circuit, input: poseidonChainInput() }));
  const sandbox: BatchApiSandbox = await startBatchApiSandbox({ participants: [{ id: 'gpu-user', batches }] });
  const store = openStore(databaseFileIn(dataDir));
  store.coordinators.upsert({ id: 'lab', kind: 'batch-api', name: 'Lab', config: { url: sandbox.url }, enabled: true });
  saveCalibration(store, calibration(10_000));
  saveGpuCalibration(store, EMULATED_GPU, calibration(200_000));
  store.close();
  await createKeychain({ service: keychainService }).set(participantAccount('lab'), 'gpu-user');
  const core = await startCore({ dataDir, mode: 'headless', appVersion: '0.0.0-test', sampleIntervalMs: 1000, keychainService });
  const events: EventMessage[] = [];
  core.subscribe((event) => events.push(event));
  const ended = () => events.filter((e) => e.name === 'jobs.changed' && ['accepted', 'failed', 'rejected'].includes((e.payload as { state: string }).state)).length;
  return {
    core,
    dataDir,
    events,
    query: async (name, input = {}) => core.dispatch({ v: 1, kind: 'query', name, input }),
    jobsEnded: async (count) => {
      while (ended() < count) await new Promise((resolve) => setTimeout(resolve, 50));
    },
    close: async () => {
      await core.close();
      await sandbox.close();
      await releaseSnarkjsWorkers();
      rmSync(dataDir, { recursive: true, force: true });
      for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
      Object.assign(process.env, savedEnv);
    },
  };
}
