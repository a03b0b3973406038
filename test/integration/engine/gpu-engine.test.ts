// GPU proving as the app runs it (EngineHost + forked engine process), on this machine without a GPU: a stand-in
// driver lists the GPUs and the host-emulated build of the CUDA kernels runs them, so everything but the real GPU
// is exercised — device listing and states, choosing the device, memory estimates, errors — and every proof made
// "on the GPU" must be accepted by snarkjs. Real GPU execution is checked only where a GPU machine is lent.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineHost } from '../../../src-main/core/engine/engine-host.js';
import { forkEngineProcess } from '../../../src-main/core/engine/fork-engine.js';
import type { EnginePhase } from '../../../src-main/core/engine/native-addon.js';
import { releaseSnarkjsWorkers } from '../../../src-main/core/engine/snarkjs-workers.js';
import { verifyGroth16 } from '../../../src-main/core/engine/verify.js';
import { buildCircuit, type CircuitFixture } from '../../support/circuits.js';
import { emulatedGpuEnvironment, withEnvironment, type EmulatedGpus } from '../../support/gpu-emulation.js';
import { engineFailure } from '../../support/engine-failure.js';

let poseidon: CircuitFixture;
const hosts: EngineHost[] = [];

/** An engine process that sees these GPUs (the environment is read when it starts). */
async function engineWith(gpus: EmulatedGpus, extra: Record<string, string> = {}): Promise<EngineHost> {
  const engine = new EngineHost(forkEngineProcess);
  hosts.push(engine);
  await withEnvironment({ ...emulatedGpuEnvironment(gpus), ...extra }, () => engine.devices()); // starts the process
  return engine;
}

beforeAll(async () => {
  poseidon = await buildCircuit('poseidon-chain-small');
}, 600_000);

afterAll(async () => {
  for (const host of hosts) host.close();
  await releaseSnarkjsWorkers();
});

describe('the engine on an (emulated) GPU', () => {
  it('lists the GPU with its memory, compute capability and state', async () => {
    const engine = await engineWith({ gpus: 'NVIDIA H100 80GB HBM3|85520809984|9.0' });
    const { devices, gpuSummary } = await engine.inventory();
    expect(devices.map((d) => d.kind)).toEqual(['cpu', 'gpu']);
    expect(devices[1]).toEqual({
      kind: 'gpu',
      id: 'cuda:0',
      index: 0,
      name: 'NVIDIA H100 80GB HBM3',
      memoryBytes: 85520809984,
      computeCapability: '9.0',
      pciBusId: '0000:01:00.0',
      state: 'ready',
      message: 'GPU 0 (NVIDIA H100 80GB HBM3): ready, 79.6 GiB, compute capability 9.0',
      backend: 'emulated',
    });
    expect(gpuSummary).toBe('1 of 1 GPU ready (1 GPU on a driver for CUDA 13.0)');
  });

  it('proves on cuda:0 with proofs snarkjs accepts, the same public signals as the CPU, and GPU phases', { timeout: 120_000 }, async () => {
    const engine = await engineWith({});
    const witness = new Uint8Array(readFileSync(poseidon.wtns));
    const vkey = JSON.parse(readFileSync(poseidon.vkey, 'utf8')) as object;
    const phases: EnginePhase[] = [];
    const onGpu = await engine.prove({ zkeyPath: poseidon.zkey, witness, threads: 2, device: 'cuda:0' }, (phase) => {
      if (phases.at(-1) !== phase) phases.push(phase);
    }).result;
    expect(await verifyGroth16(vkey, onGpu.publicSignals, onGpu.proof)).toBe(true);
    expect(phases).toEqual(['load-key', 'witness', 'build-abc', 'upload', 'ntt', 'msm-a', 'msm-b2', 'msm-b1', 'msm-c', 'msm-h', 'finish']);

    const onCpu = await engine.prove({ zkeyPath: poseidon.zkey, witness, threads: 2 }).result;
    expect(onGpu.publicSignals).toEqual(onCpu.publicSignals);
    expect(onCpu.stats.phaseMs.upload).toBe(0);

    // Again with the same key: its points are still on the GPU, and the proof is as good.
    const again = await engine.prove({ zkeyPath: poseidon.zkey, witness, threads: 1, device: 'cuda:0' }).result;
    expect(await verifyGroth16(vkey, again.publicSignals, again.proof)).toBe(true);
    expect(again.proof).not.toEqual(onGpu.proof); // fresh blinding each time
  });

  it('cancels and pauses a GPU proof between kernels, as a CPU one', { timeout: 120_000 }, async () => {
    const engine = await engineWith({});
    const witness = new Uint8Array(readFileSync(poseidon.wtns));
    const vkey = JSON.parse(readFileSync(poseidon.vkey, 'utf8')) as object;

    let cancel = () => {};
    const cancelled = engine.prove({ zkeyPath: poseidon.zkey, witness, threads: 1, device: 'cuda:0' }, (phase) => {
      if (phase === 'msm-a') cancel();
    });
    cancel = cancelled.cancel;
    expect((await engineFailure(cancelled.result)).code).toBe('cancelled');

    // Paused on the GPU, it reports nothing more until resumed, then finishes with a proof snarkjs accepts.
    const phases: string[] = [];
    let pausedAt = -1;
    let pause = () => {};
    const paused = engine.prove({ zkeyPath: poseidon.zkey, witness, threads: 1, device: 'cuda:0' }, (phase) => {
      phases.push(phase);
      if (phase === 'msm-a' && pausedAt < 0) {
        pausedAt = phases.length;
        pause();
      }
    });
    pause = paused.pause;
    while (pausedAt < 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const whilePaused = phases.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(phases.length).toBe(whilePaused);
    paused.resume();
    const proved = await paused.result;
    expect(phases.length).toBeGreaterThan(whilePaused);
    expect(await verifyGroth16(vkey, proved.publicSignals, proved.proof)).toBe(true);
  });

  it('estimates the GPU memory a proof needs beside what the GPU has', async () => {
    const engine = await engineWith({});
    const estimate = await engine.estimateGpuMemory(poseidon.zkey, 0);
    expect(estimate.neededBytes).toBeGreaterThan(0);
    expect(estimate.totalBytes).toBe(8 * 2 ** 30); // the emulated GPU's default
    expect(estimate.freeBytes).toBeLessThanOrEqual(estimate.totalBytes);
    expect((await engineFailure(engine.estimateGpuMemory(poseidon.zkey, 3))).message).toMatch(/there is no GPU 3/);
  });

  it('refuses a GPU it cannot use, saying why, and a device that is not one', async () => {
    const engine = await engineWith({ gpus: 'Tesla T4|15843721216|7.5;NVIDIA GeForce GTX 1080|8589934592|6.1', driverCudaVersion: 11040, claimCudaBuild: true });
    const gpus = (await engine.devices()).filter((d) => d.kind === 'gpu');
    expect(gpus.map((gpu) => gpu.state)).toEqual(['driver-too-old', 'driver-too-old']);
    expect(gpus[0]?.message).toBe(
      'GPU 0 (Tesla T4): driver 470 is too old (it supports CUDA 11.4); GPU proving needs CUDA 13.0, driver 580 or newer: update the NVIDIA driver',
    );
    const witness = new Uint8Array(readFileSync(poseidon.wtns));
    const refused = await engineFailure(engine.prove({ zkeyPath: poseidon.zkey, witness, threads: 1, device: 'cuda:0' }).result);
    expect(refused.message).toMatch(/GPU 0 \(Tesla T4\): driver 470 is too old/);
    expect((await engineFailure(engine.prove({ zkeyPath: poseidon.zkey, witness, threads: 1, device: 'cuda:7' }).result)).message).toMatch(/there is no GPU 7/);
    expect(() => engine.prove({ zkeyPath: poseidon.zkey, witness, threads: 1, device: 'gpu0' as 'cpu' })).toThrow(/device must be "cpu" or "cuda:<index>"/);
  });

  it('says when there is no NVIDIA driver at all', async () => {
    const engine = await engineWith({}, { PROVERDESK_CUDA_DRIVER: '/nonexistent/libcuda.so.1' });
    const inventory = await engine.inventory();
    expect(inventory.devices.map((d) => d.kind)).toEqual(['cpu']);
    expect(inventory.gpuSummary).toMatch(/^no NVIDIA driver found/);
  });
});
