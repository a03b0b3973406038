// Which device a circuit job goes to (DevicePlanner), with the real engine process seeing an emulated GPU (stand-in
// driver + emulated kernels): the one predicted to finish soonest, but only a GPU the user allows, not held by a GPU
// rule, measured already, and with room in its memory for the key — otherwise the CPU, saying why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineHost } from '../../../src-main/core/engine/engine-host.js';
import { forkEngineProcess } from '../../../src-main/core/engine/fork-engine.js';
import type { EngineDevice } from '../../../src-main/core/engine/native-addon.js';
import type { Logger } from '../../../src-main/core/log/logger.js';
import { DevicePlanner, type DevicePlannerOptions } from '../../../src-main/core/scheduler/device-planner.js';
import { buildCircuit, type CircuitFixture } from '../../support/circuits.js';
import { emulatedGpuEnvironment, withEnvironment } from '../../support/gpu-emulation.js';

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const hosts: EngineHost[] = [];
let poseidon: CircuitFixture;

/** Milliseconds per constraint: the GPU ten times the CPU's speed unless a test says otherwise. */
const SPEEDS: Partial<Record<EngineDevice, number>> = { cpu: 0.1, 'cuda:0': 0.01, 'cuda:1': 0.02 };

async function plannerWith(env: Record<string, string>, options: Partial<DevicePlannerOptions> = {}): Promise<DevicePlanner> {
  const engine = new EngineHost(forkEngineProcess);
  hosts.push(engine);
  const planner = new DevicePlanner({
    engine,
    allowedGpus: () => null,
    gpusAllowedNow: () => true,
    estimateMs: (constraints, device) => (SPEEDS[device] === undefined ? undefined : constraints * SPEEDS[device]!),
    log: quiet,
    ...options,
  });
  await withEnvironment(env, () => planner.refresh());
  return planner;
}

const twoGpus = () => emulatedGpuEnvironment({ gpus: 'NVIDIA H100 80GB HBM3|85520809984|9.0;NVIDIA L4|24152899584|8.9' });

beforeAll(async () => {
  poseidon = await buildCircuit('poseidon-chain-small');
}, 600_000);

afterAll(() => {
  for (const host of hosts) host.close();
});

describe('choosing the device for a job', () => {
  it('takes the GPU predicted to finish soonest', async () => {
    const planner = await plannerWith(twoGpus());
    expect(planner.readyGpus().map((gpu) => gpu.id)).toEqual(['cuda:0', 'cuda:1']);
    expect(await planner.choose(poseidon.zkey, 10_000)).toEqual({ device: 'cuda:0', deviceName: 'GPU 0 (NVIDIA H100 80GB HBM3)', estimatedMs: 100, notes: [] });
    expect(planner.fastestMs(10_000)).toBe(100);
  });

  it('keeps to the GPUs picked in Resources, and to the CPU while a GPU rule holds them', async () => {
    const onlyL4 = await plannerWith(twoGpus(), { allowedGpus: () => ['1'] });
    expect((await onlyL4.choose(poseidon.zkey, 10_000)).device).toBe('cuda:1');
    const none = await plannerWith(twoGpus(), { allowedGpus: () => [] });
    expect(await none.choose(poseidon.zkey, 10_000)).toMatchObject({ device: 'cpu', deviceName: 'CPU', estimatedMs: 1000 });
    expect(none.fastestMs(10_000)).toBe(1000);
    const hot = await plannerWith(twoGpus(), { gpusAllowedNow: () => false });
    expect((await hot.choose(poseidon.zkey, 10_000)).device).toBe('cpu');
  });

  it('leaves a GPU not yet measured, or slower than the CPU, to the CPU', async () => {
    const unmeasured = await plannerWith(twoGpus(), { estimateMs: (c, device) => (device === 'cpu' ? c : undefined) });
    expect((await unmeasured.choose(poseidon.zkey, 10_000)).device).toBe('cpu');
    const slow = await plannerWith(twoGpus(), { estimateMs: (c, device) => (device === 'cpu' ? c : 2 * c) });
    expect((await slow.choose(poseidon.zkey, 10_000)).device).toBe('cpu');
  });

  it('passes over a GPU without room for the key, and says so', async () => {
    const small = await plannerWith({ ...emulatedGpuEnvironment({ gpus: 'NVIDIA T400|2147483648|7.5' }), PROVERDESK_EMULATED_GPU_MEMORY: '4096' });
    const choice = await small.choose(poseidon.zkey, 10_000);
    expect(choice.device).toBe('cpu');
    expect(choice.notes).toHaveLength(1);
    expect(choice.notes[0]).toMatch(/^GPU 0 \(NVIDIA T400\) has 0\.0 GiB free; this key needs \d+\.\d GiB$/);
  });

  it('proves on the CPU alone where the engine sees no usable GPU', async () => {
    const oldDriver = await plannerWith(emulatedGpuEnvironment({ driverCudaVersion: 11040, claimCudaBuild: true }));
    expect(oldDriver.readyGpus()).toEqual([]);
    expect((await oldDriver.choose(poseidon.zkey, 10_000)).device).toBe('cpu');
  });
});
