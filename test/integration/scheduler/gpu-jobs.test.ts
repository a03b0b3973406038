// A job proven on a GPU inside the running core, on this machine without one (stand-in driver + emulated kernels):
// with the GPU measured faster than the CPU, the scheduler proves the batch on GPU 0, the job's history and the
// Jobs list say so, progress carries the device through the GPU's phases, the proof is accepted, and the GPU's
// prediction follows the job.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFileIn } from '../../../src-main/core/data-dir.js';
import { loadGpuCalibration } from '../../../src-main/core/engine/calibration.js';
import { openStore } from '../../../src-main/core/store/open-store.js';
import { EMULATED_GPU, startGpuCore, type GpuCore } from '../../support/gpu-core.js';

let machine: GpuCore;

beforeAll(async () => {
  machine = await startGpuCore({ batches: 1 });
}, 120_000);

afterAll(async () => {
  await machine?.close();
});

describe('a job on the GPU', () => {
  it('is proven on GPU 0, says so, and is accepted', { timeout: 90_000 }, async () => {
    await machine.jobsEnded(1);
    const list = (await machine.query('jobs.list', { limit: 10 })) as { result: { jobs: { id: string; state: string; deviceName: string | null; error: string | null }[] } };
    const job = list.result.jobs[0]!;
    expect(job).toMatchObject({ state: 'accepted', deviceName: `GPU 0 (${EMULATED_GPU.name})`, error: null });

    const history = (await machine.query('jobs.events', { jobId: job.id })) as { result: { events: { kind: string; message: string; data: unknown }[] } };
    const proving = history.result.events.find((e) => e.kind === 'proving')!;
    expect(proving.message).toBe(
      `proving poseidon-chain-small (${(proving.data as { constraints: number }).constraints} constraints) on the native engine, on GPU 0 (${EMULATED_GPU.name})`,
    );
    expect(proving.data).toMatchObject({ backend: 'native', device: 'cuda:0', deviceName: `GPU 0 (${EMULATED_GPU.name})` });

    const progress = machine.events.filter((e) => e.name === 'scheduler.progress').map((e) => e.payload as { phase: string; device?: string });
    expect(progress.filter((p) => p.phase === 'upload').every((p) => p.device === 'cuda:0')).toBe(true);
    expect(progress.some((p) => p.phase === 'upload')).toBe(true);

    // The real job nudged the GPU's prediction (the emulated kernels are far slower than the calibration said).
    const store = openStore(databaseFileIn(machine.dataDir));
    try {
      expect(loadGpuCalibration(store, EMULATED_GPU)?.correction).toBeGreaterThan(1);
    } finally {
      store.close();
    }
  });

  it('lists the GPU among the engine devices', async () => {
    const devices = (await machine.query('engine.devices')) as { result: { devices: { kind: string; id?: string; state?: string }[]; gpuSummary: string } };
    expect(devices.result.devices.filter((d) => d.kind === 'gpu')).toMatchObject([{ id: 'cuda:0', state: 'ready' }]);
    expect(devices.result.gpuSummary).toBe('1 of 1 GPU ready (1 GPU on a driver for CUDA 13.0)');
  });
});
