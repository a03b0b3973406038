// `npm run bench:governor`: what the engine's CPU-time limit does to real proofs of the ~2^15-constraint Poseidon
// circuit. For each limit it measures the engine process's CPU share (its CPU time ÷ (wall time × threads)),
// proofs per minute, throughput against no limit, and how close the share comes to the limit. The limits take
// turns proof by proof, so a change in the machine's other load falls on all of them alike.
// BENCH_LIMITS (default 25,50,75,100), BENCH_ROUNDS (proofs per limit, default 5) and BENCH_THREADS (default 2)
// set the run; the engine runs at normal priority unless BENCH_LOW_PRIORITY=1 (at low priority, other
// programs on the machine can hold it below its limit, which is not what this measures).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { EngineHost } from '../src-main/core/engine/engine-host.js';
import { forkEngineProcess } from '../src-main/core/engine/fork-engine.js';
import type { CpuTimes } from '../src-main/core/engine/engine-protocol.js';
import { headlessDesktopSignals } from '../src-main/core/governor/desktop-signals.js';
import { Governor } from '../src-main/core/governor/governor.js';
import { listRunningApps } from '../src-main/core/governor/running-apps.js';
import { SignalReader } from '../src-main/core/governor/signal-reader.js';
import { openStore } from '../src-main/core/store/open-store.js';
import { buildCircuit } from '../test/support/circuits.js';

const LIMITS = (process.env.BENCH_LIMITS ?? '25,50,75,100').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const THREADS = Number(process.env.BENCH_THREADS ?? 2);
const LOW_PRIORITY = process.env.BENCH_LOW_PRIORITY === '1';

interface Totals {
  proofs: number;
  wallMs: number;
  engineCpuMs: number;
}

const cpuMs = (times: CpuTimes | null) => {
  if (!times) throw new Error('the engine process ended during the benchmark');
  return (times.userMicros + times.systemMicros) / 1000;
};

const GOVERNOR_RUN_MS = 4_000;
/** Read far more often than the app does (2 s), so its cost stands out of the process's idle noise. */
const GOVERNOR_FAST_INTERVAL_MS = 20;
const APP_INTERVAL_MS = 2_000;

/**
 * The governor's own CPU cost: the real runtime (readings of the machine with the running programs listed every
 * fifth time, the engine's CPU times over IPC, the rules, the decision) run at a fast interval against an idle
 * window of the same length, then scaled to the app's 2 s interval.
 */
async function governorCost(engine: EngineHost): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'proverdesk-bench-governor-'));
  const store = openStore(join(dir, 'proverdesk.db'));
  try {
    const quiet = { info: () => {}, warn: () => {}, error: () => {} };
    const desktop = headlessDesktopSignals({ assumeIdle: true });
    const idleBefore = process.cpuUsage();
    await sleep(GOVERNOR_RUN_MS);
    const idle = process.cpuUsage(idleBefore);
    let readings = 0;
    const reader = new SignalReader({ desktop, latestSample: () => null, engineCpu: () => engine.cpuUsage(), listApps: listRunningApps, now: Date.now });
    const counted = { read: (options: { apps: boolean }) => ((readings += 1), reader.read(options)) } as unknown as SignalReader;
    const governor = new Governor({ settings: store.settings, reader: counted, desktop, intervalMs: GOVERNOR_FAST_INTERVAL_MS, log: quiet });
    const before = process.cpuUsage();
    await governor.start();
    await sleep(GOVERNOR_RUN_MS);
    governor.stop();
    const used = process.cpuUsage(before);
    const msPerReading = (used.user + used.system - idle.user - idle.system) / 1000 / readings;
    return `the governor: ${msPerReading.toFixed(2)} ms of CPU per reading (${readings} readings), ${((100 * msPerReading) / APP_INTERVAL_MS).toFixed(3)} % of one core at its 2 s interval`;
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const circuit = await buildCircuit('poseidon-chain-32k');
  const witness = new Uint8Array(readFileSync(circuit.wtns));
  const engine = new EngineHost(forkEngineProcess, { lowPriority: LOW_PRIORITY });
  const busyThreads = Math.min(THREADS, availableParallelism());
  console.log(
    `governor benchmark: ${circuit.name} (${circuit.constraints} constraints), ${THREADS} threads on ${availableParallelism()} cores, ` +
      `${ROUNDS} proofs per limit, engine at ${LOW_PRIORITY ? 'low' : 'normal'} priority`,
  );

  // The first proof loads and caches the proving key; the measured ones prove only.
  await engine.prove({ zkeyPath: circuit.zkey, witness, threads: THREADS }).result;
  const totals = new Map(LIMITS.map((limit) => [limit, { proofs: 0, wallMs: 0, engineCpuMs: 0 } as Totals]));
  const mainCpuBefore = process.cpuUsage();
  const benchStarted = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    for (const limit of LIMITS) {
      const cpuBefore = cpuMs(await engine.cpuUsage());
      const started = performance.now();
      await engine.prove({ zkeyPath: circuit.zkey, witness, threads: THREADS, ...(limit < 100 ? { cpuPct: limit } : {}) }).result;
      const total = totals.get(limit)!;
      total.wallMs += performance.now() - started;
      total.engineCpuMs += cpuMs(await engine.cpuUsage()) - cpuBefore;
      total.proofs++;
    }
  }
  const mainCpu = process.cpuUsage(mainCpuBefore);
  const benchWallMs = performance.now() - benchStarted;
  const governorLine = await governorCost(engine);
  engine.close();

  const perMinute = (total: Totals) => (total.proofs / total.wallMs) * 60_000;
  const unlimited = totals.get(100);
  const rows = [...totals].map(([limit, total]) => {
    const share = total.engineCpuMs / (total.wallMs * busyThreads);
    return {
      'CPU-time limit': `${limit} %`,
      'engine CPU share': `${(share * 100).toFixed(1)} %`,
      'proofs/min': perMinute(total).toFixed(1),
      'throughput vs 100 %': unlimited ? `${((perMinute(total) / perMinute(unlimited)) * 100).toFixed(0)} %` : '-',
      'share/limit': (share / (limit / 100)).toFixed(2),
    };
  });
  console.table(rows);
  console.log(governorLine);
  // Not the governor: this benchmark's own process (EngineHost, IPC, timing) over the proofs.
  const mainCpuMs = (mainCpu.user + mainCpu.system) / 1000;
  console.log(`this benchmark's own process used ${((mainCpuMs / benchWallMs) * 100).toFixed(2)} % of one core while proving`);
}

await main();
