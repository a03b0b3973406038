// A GPU that fails mid-proof (the emulated kernels told to fault) does not fail the job: the CPU proves it at once,
// the history says what happened, the proof is accepted, and the next job goes straight to the CPU while the GPU
// is set aside.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATED_GPU, startGpuCore, type GpuCore } from '../../support/gpu-core.js';

let machine: GpuCore;

beforeAll(async () => {
  machine = await startGpuCore({ batches: 2, extraEnv: { PROVERDESK_EMULATED_GPU_FAULT: '1' } });
}, 120_000);

afterAll(async () => {
  await machine?.close();
});

type Events = { result: { events: { kind: string; message: string; data: unknown }[] } };

describe('a GPU that fails a proof', () => {
  it('leaves the job to the CPU, which proves it, and keeps later jobs off the GPU', { timeout: 120_000 }, async () => {
    await machine.jobsEnded(2);
    const list = (await machine.query('jobs.list', { limit: 10 })) as { result: { jobs: { id: string; state: string; deviceName: string | null; createdAtMs: number }[] } };
    const [first, second] = [...list.result.jobs].sort((a, b) => a.createdAtMs - b.createdAtMs);
    expect(first).toMatchObject({ state: 'accepted', deviceName: 'CPU' });
    expect(second).toMatchObject({ state: 'accepted', deviceName: 'CPU' });

    const firstHistory = ((await machine.query('jobs.events', { jobId: first!.id })) as Events).result.events;
    const provings = firstHistory.filter((e) => e.kind === 'proving');
    expect(provings.map((e) => (e.data as { device: string }).device)).toEqual(['cuda:0', 'cpu']);
    expect(provings[1]!.message).toMatch(
      new RegExp(`^GPU 0 \\(${EMULATED_GPU.name}\\) failed \\(GPU 0: emulated GPU fault \\(PROVERDESK_EMULATED_GPU_FAULT\\)\\): proving poseidon-chain-small .* on the CPU$`),
    );
    expect(firstHistory.map((e) => e.kind)).not.toContain('failed');

    const secondHistory = ((await machine.query('jobs.events', { jobId: second!.id })) as Events).result.events;
    expect(secondHistory.filter((e) => e.kind === 'proving').map((e) => (e.data as { device: string }).device)).toEqual(['cpu']);
    expect(secondHistory.find((e) => e.kind === 'device')?.message).toMatch(
      new RegExp(`^not on the GPU: GPU 0 \\(${EMULATED_GPU.name}\\) is set aside until .+ after it failed a proof \\(GPU 0: emulated GPU fault`),
    );
  });
});
