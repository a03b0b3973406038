// A test circuit as the sandbox servers hand it out: its circom-groth16/v1 package bytes and the package read back.
import type { SandboxCircuit } from '../../src-main/core/coordinators/batch-api/sandbox-server.js';
import { readCircuitPackage, writeCircuitPackage } from '../../src-main/core/engine/circuit-package.js';
import { buildCircuit, type CircuitName } from './circuits.js';

export async function sandboxCircuit(name: CircuitName): Promise<SandboxCircuit> {
  const fixture = await buildCircuit(name);
  const packageBytes = await writeCircuitPackage({ name, constraints: fixture.constraints, wasmPath: fixture.wasm, zkeyPath: fixture.zkey, vkeyPath: fixture.vkey });
  return { packageBytes, circuit: await readCircuitPackage(packageBytes, 2 ** 28) };
}
