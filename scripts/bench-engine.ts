// `npm run bench:engine`: the native engine against snarkjs on the same circuits, machine and thread count,
// each proof in a fresh process. Prints wall time (key loading included), peak RSS, where the native
// engine's time goes, and the ratio snarkjs/native.
// Sizes: about 2^12 and 2^15 constraints (circom Poseidon chains keyed from the fixture ptau files) and 2^16,
// 2^18 and 2^20 (synthetic square chains keyed with the INSECURE dev-setup). BENCH_SIZES=12,15 picks some;
// BENCH_THREADS (default 2), BENCH_RUNS (default 3; 1 for 2^16 and up, BENCH_LARGE_RUNS) set the rest.
//
// `npm run bench:engine -- --device cuda:0` adds the GPU beside the CPU (default sizes 2^16, 2^18, 2^20): the
// proof's time with the key's points already on the GPU (and the first proof's, which uploads them), its G1 and G2
// MSM and NTT time, the share spent on transfers not hidden behind the CPU's work, G1 MSM throughput, and GPU/CPU. On the
// emulated GPU library (tests) it says the figures are not a GPU's.
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
const deviceAt = process.argv.indexOf('--device');
const DEVICE = deviceAt >= 0 ? process.argv[deviceAt + 1] : undefined;
if (DEVICE !== undefined && !/^cuda:\d+$/.test(DEVICE)) throw new Error(`--device takes cuda:<index>, not ${DEVICE ?? 'nothing'}`);
const GPU_INDEX = DEVICE === undefined ? undefined : Number(DEVICE.slice('cuda:'.length));
const SIZES = (process.env.BENCH_SIZES ?? (DEVICE ? '16,18,20' : '12,15,18,20')).split(',').map(Number);

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
  if (![16, 18, 20].includes(log2)) throw new Error(`BENCH_SIZES: no benchmark circuit of 2^${log2} constraints (12, 15, 16, 18, 20)`);
  const synthetic = await syntheticCircuit(log2, THREADS);
  return { label: `${synthetic.name} (${synthetic.constraints} constraints, dev-setup key)`, zkey: synthetic.zkey, wtns: synthetic.wtns, runs: LARGE_RUNS };
}

interface Sample {
  wallMs: number;
  maxRssBytes: number;
  phaseMs: Record<string, number>;
  /** GPU runs: the first proof (context and key upload included) and the second (points resident). */
  coldMs?: number;
  warmMs?: number;
  gpu?: string;
  emulated?: boolean;
}

async function prove(mode: 'snarkjs' | 'native' | 'gpu', zkey: string, wtns: string): Promise<Sample> {
  const args = [CHILD, mode, zkey, wtns, String(THREADS), ...(mode === 'gpu' ? [String(GPU_INDEX)] : [])];
  const { stdout } = await run(process.execPath, args, { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Sample;
}

/** Sum of the phases matching `predicate`, median over samples. */
function phaseTotal(samples: Sample[], predicate: (phase: string) => boolean): number {
  return median(samples.map((s) => Object.entries(s.phaseMs).filter(([p]) => predicate(p)).reduce((t, [, v]) => t + v, 0)));
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const ms = (value: number) => `${value.toFixed(0)} ms`;

async function main(): Promise<void> {
  const cores = availableParallelism();
  console.log(`engine benchmark: ${THREADS} threads, ${cores} cores, median of ${RUNS} runs (${LARGE_RUNS} from 2^18), each in a fresh process`);
  if (cores !== THREADS) console.log(`note: snarkjs uses all ${cores} cores whatever the thread count`);
  const rows = [];
  const gpuRows: ReturnType<typeof gpuRow>[] = [];
  for (const log2 of SIZES) {
    const circuit = await circuitFor(log2);
    const samples = { snarkjs: [] as Sample[], native: [] as Sample[], gpu: [] as Sample[] };
    for (let i = 0; i < circuit.runs; i++) {
      samples.snarkjs.push(await prove('snarkjs', circuit.zkey, circuit.wtns));
      samples.native.push(await prove('native', circuit.zkey, circuit.wtns));
      if (DEVICE) samples.gpu.push(await prove('gpu', circuit.zkey, circuit.wtns));
    }
    if (DEVICE) gpuRows.push(gpuRow(circuit, samples.native, samples.gpu));
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
  if (DEVICE) {
    const first = gpuRows[0]?.gpu ?? '';
    console.log(`${DEVICE}: ${first}`);
    if (gpuRows.some((row) => row.emulated)) {
      console.log('NOTE: this is the emulated GPU library (the CUDA kernels run on the CPU): these are not GPU figures.');
    }
    console.table(gpuRows.map(({ gpu: _gpu, emulated: _emulated, ...row }) => row));
  }
  await releaseSnarkjsWorkers();
}

/** The GPU beside the CPU engine for one circuit. */
function gpuRow(circuit: BenchCircuit, cpu: Sample[], gpu: Sample[]) {
  const warm = median(gpu.map((s) => s.warmMs ?? s.wallMs));
  const cold = median(gpu.map((s) => s.coldMs ?? s.wallMs));
  const cpuProve = phaseTotal(cpu, (p) => p !== 'load-key');
  const msm = phaseTotal(gpu, (p) => p === 'msm-a' || p === 'msm-b1' || p === 'msm-c' || p === 'msm-h');
  const msmG2 = phaseTotal(gpu, (p) => p === 'msm-b2');
  const upload = phaseTotal(gpu, (p) => p === 'upload');
  // G1 points in the four GPU MSMs: about 3 per variable plus one per domain element; the domain is the circuit's
  // power of two, the variables about as many.
  const g1Points = 4 * 2 ** Math.ceil(Math.log2(Number(circuit.label.match(/\((\d+) constraints/)?.[1] ?? 1)));
  return {
    circuit: circuit.label,
    'GPU proof': ms(warm),
    'GPU first proof': ms(cold),
    'CPU proof': ms(cpuProve),
    'speed-up (CPU time / GPU time)': `${(cpuProve / warm).toFixed(1)}x`,
    'GPU MSM (G1)': ms(msm),
    'GPU NTT': ms(phaseTotal(gpu, (p) => p === 'ntt')),
    'GPU MSM (G2)': ms(msmG2),
    'transfer share': `${((100 * upload) / warm).toFixed(1)} %`,
    'G1 MSM points/s (approx.)': `${(((g1Points / msm) * 1000) / 1e6).toFixed(1)} M`,
    gpu: gpu[0]?.gpu ?? '',
    emulated: gpu.some((s) => s.emulated === true),
  };
}

await main();
