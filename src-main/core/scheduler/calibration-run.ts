// Measures this machine's proving speed (engine/calibration.ts) the way the scheduler will see it: the practice circuits proved
// through the same JobProver as real jobs (witness included), each twice, keeping the faster run (the first
// also pays for compiling the witness calculator and loading the key, which later jobs of a circuit do not).
import { readFile } from 'node:fs/promises';
import { fitCalibration, type Calibration, type CalibrationSample } from '../engine/calibration.js';
import type { EngineDevice } from '../engine/native-addon.js';
import type { PackageCache } from '../engine/package-cache.js';
import { practiceCircuit } from '../practice/practice-circuits.js';
import type { PracticePackage } from '../practice/practice-packages.js';
import type { JobProver } from './job-prover.js';

/** Circuits smaller than this say more about fixed costs than about speed. */
const MIN_CALIBRATION_CONSTRAINTS = 1_000;
const RUNS_PER_CIRCUIT = 2;

export async function measureCalibration(options: {
  prover: JobProver;
  packages: PracticePackage[];
  cache: PackageCache;
  threads: number;
  /** Where the proofs run (default: the CPU). */
  device?: EngineDevice;
  signal: AbortSignal;
  onProgress?: (fraction: number) => void;
  now?: () => number;
}): Promise<Calibration> {
  const circuits = options.packages.filter((p) => p.constraints >= MIN_CALIBRATION_CONSTRAINTS).sort((a, b) => a.constraints - b.constraints);
  if (circuits.length === 0) throw new Error('no practice circuit is large enough to calibrate with');
  const samples: CalibrationSample[] = [];
  let done = 0;
  for (const pkg of circuits) {
    const definition = practiceCircuit(pkg.name);
    if (!definition) continue;
    const cached = await options.cache.get(pkg.sha256, async () => pkg.packageBytes);
    const wasm = { id: pkg.sha256, load: () => readFile(cached.wasmPath) };
    let best = Infinity;
    for (let run = 0; run < RUNS_PER_CIRCUIT; run++) {
      options.signal.throwIfAborted();
      const proved = await options.prover.prove(
        { kind: 'circuit', zkeyPath: cached.zkeyPath, wasm, input: definition.nextInput(), constraints: pkg.constraints, circuitName: pkg.name },
        { threads: options.threads, signal: options.signal, ...(options.device ? { device: options.device } : {}) },
      );
      best = Math.min(best, proved.provingTimeMs);
      options.onProgress?.(++done / (circuits.length * RUNS_PER_CIRCUIT));
    }
    samples.push({ circuit: pkg.name, constraints: pkg.constraints, provingMs: best });
  }
  return fitCalibration(samples, options.threads, (options.now ?? Date.now)());
}
