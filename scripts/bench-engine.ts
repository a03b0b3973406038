// `npm run bench:engine`: the native engine against snarkjs on the same circuits, machine and thread count,
// each proof in a fresh process. Prints wall time (key loading included), peak RSS, where the native
// engine's time goes, and the ratio snarkjs/native.
// Sizes: about 2^12 and 2^15 constraints (circom Poseidon chains keyed from the fixture ptau files) and 2^18
// and 2^20 (synthetic square chains keyed with the INSECURE dev-setup). BENCH_SIZES=12,15 picks some;
// BENCH_THREADS (default 2), BENCH_RUNS (default 3; 1 for 2^18 and up, BENCH_LARGE_RUNS) set the rest.
import { execFile } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildCircuit, type CircuitName } from '../test/support/circuits.js';
import { syntheticCircuit } from './synthetic-circuit.js';
import { releaseSnarkjsWorkers } from '../src-main/core/engine/snarkjs-workers.js';

const run = promisify(execFile);
const CHILD = join(import.meta.dirname, 'bench-engine-child.mjs');
const THREADS = Number(process.env.BENCH_THREADS ?? 2);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const LARGE_RUNS = Number(process.env.BENCH_LARGE_RUNS ?? 1);
const SIZES = (process.env.BENCH_SIZES ?? '12,15,18,20').split(',').map(Number);

interface BenchCircuit {
  label: string;
  zkey: string;
  wtns: string;
  runs: number;
}

async function circuitFor(log2: number): Promise<BenchCircuit> {
  const circom: Record<number, CircuitName> = { 12: 'poseidon-chain-small', 15: 'poseidon-chain-32k' };
  const name = circom[log2];
  if (name) {
    const fixture = await buildCircuit(name);
    return { label: `${name} (${fixture.constraints} constraints)`, zkey: fixture.zkey, wtns: fixture.wtns, runs: RUNS };
  }
  if (log2 !== 18 && log2 !== 20) throw new Error(`BENCH_SIZES: no benchmark circuit of 2^${log2} constraints (12, 15, 18, 20)`);
  const synthetic = await syntheticCircuit(log2, THREADS);
  return { label: `${synthetic.name} (${synthetic.constraints} constraints, dev-setup key)`, zkey: synthetic.zkey, wtns: synthetic.wtns, runs: LARGE_RUNS };
}

interface Sample {
  wallMs: number;
  maxRssBytes: number;
  phaseMs: Record<string, number>;
}

async function prove(mode: 'snarkjs' | 'native', zkey: string, wtns: string): Promise<Sample> {
  const { stdout } = await run(process.execPath, [CHILD, mode, zkey, wtns, String(THREADS)], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Sample;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const ms = (value: number) => `${value.toFixed(0)} ms`;

async function main(): Promise<void> {
  const cores = availableParallelism();
  console.log(`engine benchmark: ${THREADS} threads, ${cores} cores, median of ${RUNS} runs (${LARGE_RUNS} from 2^18), each in a fresh process`);
  if (cores !== THREADS) console.log(`note: snarkjs uses all ${cores} cores whatever the thread count`);
  const rows = [];
  for (const log2 of SIZES) {
    const circuit = await circuitFor(log2);
    const samples = { snarkjs: [] as Sample[], native: [] as Sample[] };
    for (let i = 0; i < circuit.runs; i++) {
      samples.snarkjs.push(await prove('snarkjs', circuit.zkey, circuit.wtns));
      samples.native.push(await prove('native', circuit.zkey, circuit.wtns));
    }
    const wall = (mode: 'snarkjs' | 'native') => median(samples[mode].map((s) => s.wallMs));
    const rss = (mode: 'snarkjs' | 'native') => median(samples[mode].map((s) => s.maxRssBytes));
    const phase = (predicate: (phase: string) => boolean) =>
      median(samples.native.map((s) => Object.entries(s.phaseMs).filter(([p]) => predicate(p)).reduce((t, [, v]) => t + v, 0)));
    rows.push({
      circuit: circuit.label,
      'snarkjs wall': ms(wall('snarkjs')),
      'native wall': ms(wall('native')),
      'snarkjs/native': `${(wall('snarkjs') / wall('native')).toFixed(1)}x`,
      'snarkjs RSS': mib(rss('snarkjs')),
      'native RSS': mib(rss('native')),
      'native load key': ms(phase((p) => p === 'load-key')),
      'native MSM': ms(phase((p) => p.startsWith('msm'))),
      'native NTT': ms(phase((p) => p === 'ntt')),
      'native other': ms(phase((p) => !p.startsWith('msm') && p !== 'ntt' && p !== 'load-key')),
    });
  }
  console.table(rows);
  await releaseSnarkjsWorkers();
}

await main();
