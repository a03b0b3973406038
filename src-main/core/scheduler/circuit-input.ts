// The proving input of a circuit package in the package cache: what every adapter hands the scheduler for a
// practice-format job.
import { readFile } from 'node:fs/promises';
import type { CachedCircuit } from '../engine/package-cache.js';
import type { ProvingInput } from './coordinator-adapter.js';

export function circuitProvingInput(circuit: CachedCircuit, packageSha256: string, input: Record<string, unknown>): ProvingInput {
  return {
    kind: 'circuit',
    zkeyPath: circuit.zkeyPath,
    wasm: { id: packageSha256, load: () => readFile(circuit.wasmPath) },
    input,
    constraints: circuit.manifest.constraints,
    circuitName: circuit.manifest.name,
  };
}
