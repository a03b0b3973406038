// A job proven on a GPU inside the running core, on this machine without one (stand-in driver + emulated kernels):
// with the GPU measured faster than the CPU, the scheduler proves the batch on GPU 0, the job's history and the
// Jobs list say so, progress carries the device through the GPU's phases, the proof is accepted, and the GPU's
// prediction follows the job.
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
import { loadGpuCalibration, saveCalibration, saveGpuCalibration, type Calibration } from '../../../src-main/core/engine/calibration.js';
import { releaseSnarkjsWorkers } from '../../../src-main/core/engine/snarkjs-workers.js';
import { createKeychain } from '../../../src-main/core/secrets/keychain.js';
import { openStore } from '../../../src-main/core/store/open-store.js';
import { poseidonChainInput } from '../../fixtures/circuits/inputs.js';
import { emulatedGpuEnvironment } from '../../support/gpu-emulation.js';
import { sandboxCircuit } from '../../support/sandbox-circuits.js';

const GPU = { id: 'cuda:0', name: 'NVIDIA H100 80GB HBM3' };
const dataDir = mkdtempSync(join(tmpdir(), 'proverdesk-gpu-jobs-'));
const keychainService = `ProverDesk-test-${randomUUID()}`;
const savedEnv = { ...process.env };
let sandbox: BatchApiSandbox;
let core: Core;
const events: EventMessage[] = [];

const calibration = (constraintsPerSecond: number, threads: number): Calibration => ({
  constraintsPerSecond,
  fixedMs: 100,
  threads,
  measuredAtMs: Date.now(),
  samples: [],
  correction: 1,
});

beforeAll(async () => {
  // This test file runs in its own process: the engine process the core starts inherits these.
  Object.assign(process.env, emulatedGpuEnvironment({ gpus: `${GPU.name}|85520809984|9.0` }));
  const circuit = await sandboxCircuit('poseidon-chain-small');
  sandbox = await startBatchApiSandbox({ participants: [{ id: 'gpu-user', batches: [{ circuit, input: poseidonChainInput() }] }] });
  const store = openStore(databaseFileIn(dataDir));
  store.coordinators.upsert({ id: 'lab', kind: 'batch-api', name: 'Lab', config: { url: sandbox.url }, enabled: true });
  // A machine whose GPU was measured twenty times faster than its CPU.
  saveCalibration(store, calibration(10_000, 2));
  saveGpuCalibration(store, GPU, calibration(200_000, 2));
  store.close();
  await createKeychain({ service: keychainService }).set(participantAccount('lab'), 'gpu-user');
  core = await startCore({ dataDir, mode: 'headless', appVersion: '0.0.0-test', sampleIntervalMs: 1000, keychainService });
  core.subscribe((event) => events.push(event));
}, 120_000);

afterAll(async () => {
  await core?.close();
  await sandbox?.close();
  await releaseSnarkjsWorkers();
  rmSync(dataDir, { recursive: true, force: true });
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  Object.assign(process.env, savedEnv);
});

const query = async (name: string, input: unknown = {}) => core.dispatch({ v: 1, kind: 'query', name, input });

describe('a job on the GPU', () => {
  it('is proven on GPU 0, says so, and is accepted', { timeout: 90_000 }, async () => {
    while (!events.some((e) => e.name === 'jobs.changed' && ['accepted', 'failed', 'rejected'].includes((e.payload as { state: string }).state))) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const list = (await query('jobs.list', { limit: 10 })) as { ok: true; result: { jobs: { id: string; state: string; deviceName: string | null; error: string | null }[] } };
    const job = list.result.jobs[0]!;
    expect(job).toMatchObject({ state: 'accepted', deviceName: `GPU 0 (${GPU.name})`, error: null });

    const history = (await query('jobs.events', { jobId: job.id })) as { result: { events: { kind: string; message: string; data: unknown }[] } };
    const proving = history.result.events.find((e) => e.kind === 'proving')!;
    expect(proving.message).toBe(`proving poseidon-chain-small (${(proving.data as { constraints: number }).constraints} constraints) on the native engine, on GPU 0 (${GPU.name})`);
    expect(proving.data).toMatchObject({ backend: 'native', device: 'cuda:0', deviceName: `GPU 0 (${GPU.name})` });

    const progress = events.filter((e) => e.name === 'scheduler.progress').map((e) => e.payload as { phase: string; device?: string });
    expect(progress.filter((p) => p.phase === 'upload').every((p) => p.device === 'cuda:0')).toBe(true);
    expect(progress.some((p) => p.phase === 'upload')).toBe(true);

    // The real job nudged the GPU's prediction (the emulated kernels are far slower than the calibration said).
    const store = openStore(databaseFileIn(dataDir));
    try {
      expect(loadGpuCalibration(store, GPU)?.correction).toBeGreaterThan(1);
    } finally {
      store.close();
    }
  });

  it('lists the GPU among the engine devices', async () => {
    const devices = (await query('engine.devices')) as { result: { devices: { kind: string; id?: string; state?: string }[]; gpuSummary: string } };
    expect(devices.result.devices.filter((d) => d.kind === 'gpu')).toMatchObject([{ id: 'cuda:0', state: 'ready' }]);
    expect(devices.result.gpuSummary).toBe('1 of 1 GPU ready (1 GPU on a driver for CUDA 13.0)');
  });
});
