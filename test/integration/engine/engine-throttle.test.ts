// The engine's CPU-time limit, thread limit and low priority, measured on the real engine process from the
// outside (/proc/<pid>/stat), not from the counters the limit itself reads. The machine is shared and noisy:
// shares are asserted within wide bands, and nothing about speed.
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, getPriority } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineHost, type ProveHandle } from '../../../src-main/core/engine/engine-host.js';
import { forkEngineProcess } from '../../../src-main/core/engine/fork-engine.js';
import type { ProveRequest } from '../../../src-main/core/engine/engine-protocol.js';
import { releaseSnarkjsWorkers } from '../../../src-main/core/engine/snarkjs-workers.js';
import { verifyGroth16 } from '../../../src-main/core/engine/verify.js';
import { buildCircuit, type CircuitFixture } from '../../support/circuits.js';

const THREADS = 2;
/** Proofs per measurement: a proof of this circuit takes a few hundred ms flat out, a measurement a few s. */
const PROOFS = 6;
const LINUX_TICKS_PER_SECOND = 100;

// Normal priority for the measurements: at nice 19 another program on this shared machine could starve the
// engine below its limit, and that would say nothing about the limit.
const engine = new EngineHost(forkEngineProcess, { lowPriority: false });
let circuit: CircuitFixture;
let witness: Uint8Array;

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / LINUX_TICKS_PER_SECOND;
}

/**
 * Runs PROOFS proofs one after another; returns the engine process's CPU time over the wall time they took (in
 * cores) and the last proof.
 */
async function measure(request: Omit<ProveRequest, 'zkeyPath' | 'witness'>, control: (handle: ProveHandle) => void = () => undefined) {
  const pid = engine.enginePid!;
  const cpuBefore = cpuSeconds(pid);
  const started = performance.now();
  let last;
  for (let i = 0; i < PROOFS; i++) {
    const handle = engine.prove({ zkeyPath: circuit.zkey, witness, ...request });
    control(handle);
    last = await handle.result;
  }
  const wallSeconds = (performance.now() - started) / 1000;
  expect(engine.enginePid).toBe(pid); // the same process throughout
  return { cores: (cpuSeconds(pid) - cpuBefore) / wallSeconds, last: last! };
}

const verifies = async (outcome: { proof: object; publicSignals: string[] }) =>
  verifyGroth16(JSON.parse(readFileSync(circuit.vkey, 'utf8')) as object, outcome.publicSignals, outcome.proof);

beforeAll(async () => {
  circuit = await buildCircuit('poseidon-chain-32k');
  witness = new Uint8Array(readFileSync(circuit.wtns));
  // Loads and caches the proving key, so the measurements time proving only.
  await engine.prove({ zkeyPath: circuit.zkey, witness, threads: THREADS }).result;
}, 600_000);

afterAll(async () => {
  engine.close();
  await releaseSnarkjsWorkers();
});

describe.runIf(process.platform === 'linux')('engine CPU limits', () => {
  const busyThreads = Math.min(THREADS, availableParallelism());

  it('holds a proof started at a 50 % CPU-time limit near half its threads’ CPU time, and the proof verifies', async () => {
    const { cores, last } = await measure({ threads: THREADS, cpuPct: 50 });
    expect(cores / busyThreads).toBeGreaterThan(0.35);
    expect(cores / busyThreads).toBeLessThan(0.62);
    expect(await verifies(last)).toBe(true);
  });

  // 25 %, not 50 %: with other programs busy, a proof without a limit may not get more than half of this
  // 2-core machine either, and the test would show nothing.
  it('applies a 25 % limit set on a running proof', async () => {
    const { cores, last } = await measure({ threads: THREADS }, (handle) => handle.setCpuLimit(25));
    expect(cores / busyThreads).toBeGreaterThan(0.15);
    expect(cores / busyThreads).toBeLessThan(0.33);
    expect(await verifies(last)).toBe(true);
  });

  it('uses about one core at a thread limit of 1', async () => {
    const { cores, last } = await measure({ threads: 1 });
    expect(cores).toBeLessThanOrEqual(1.15);
    expect(await verifies(last)).toBe(true);
  });

  it('refuses a CPU-time limit that is not a whole percentage from 1 to 100', async () => {
    const handle = engine.prove({ zkeyPath: circuit.zkey, witness, threads: 1 });
    for (const percent of [0, 101, 12.5]) expect(() => handle.setCpuLimit(percent)).toThrow(/whole percentage from 1 to 100/);
    expect(() => engine.prove({ zkeyPath: circuit.zkey, witness, threads: 1, cpuPct: 0 })).toThrow(/whole percentage/);
    handle.cancel();
    await handle.result.catch(() => undefined);
  });
});

describe.runIf(process.platform === 'linux')('engine priority and CPU usage', () => {
  it('reports no CPU usage and starts no engine process when none runs', async () => {
    const idle = new EngineHost(forkEngineProcess);
    expect(await idle.cpuUsage()).toBeNull();
    expect(idle.enginePid).toBeUndefined();
  });

  it('runs the engine process and its proving threads at nice 19 by default', async () => {
    const warnings: string[] = [];
    const low = new EngineHost(forkEngineProcess, { onWarning: (message) => warnings.push(message) });
    try {
      const pid = await new Promise<number>((resolve, reject) => {
        const handle = low.prove({ zkeyPath: circuit.zkey, witness, threads: THREADS }, (phase) => {
          if (phase.startsWith('msm')) resolve(low.enginePid!);
        });
        handle.result.catch(reject);
      });
      expect(getPriority(pid)).toBe(19);
      // Linux keeps a priority per thread: the ones proving now were started after the process was lowered.
      const threads = readdirSync(`/proc/${pid}/task`).map(Number);
      expect(threads.length).toBeGreaterThan(1);
      for (const tid of threads) expect(priorityOf(tid) ?? 19).toBe(19);

      const usage = await low.cpuUsage();
      expect(usage!.userMicros).toBeGreaterThan(0);
      expect(usage!.systemMicros).toBeGreaterThanOrEqual(0);
      expect(warnings).toEqual([]);
    } finally {
      low.close();
    }
  });

  it('lowers a running engine process at once, and ends an idle one when normal priority is wanted', async () => {
    const host = new EngineHost(forkEngineProcess, { lowPriority: false });
    try {
      await host.devices();
      const normalPid = host.enginePid!;
      expect(getPriority(normalPid)).toBe(getPriority());
      host.setLowPriority(true);
      expect(getPriority(normalPid)).toBe(19);
      host.setLowPriority(false);
      expect(host.enginePid).toBeUndefined();
      await host.devices();
      expect(host.enginePid).not.toBe(normalPid);
      expect(getPriority(host.enginePid!)).toBe(getPriority());
    } finally {
      host.close();
    }
  });
});

/** A thread's nice value, or undefined when it ended meanwhile. */
function priorityOf(tid: number): number | undefined {
  try {
    return getPriority(tid);
  } catch {
    return undefined;
  }
}
