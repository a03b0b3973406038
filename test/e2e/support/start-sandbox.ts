// Runs a batch-API sandbox with practice batches for an end-to-end test, in its own process (run with tsx):
// prints one JSON line {"url": …, "participant": …} and serves until killed.
import { startBatchApiSandbox } from '../../../src-main/core/coordinators/batch-api/sandbox-server.js';
import { readCircuitPackage, writeCircuitPackage } from '../../../src-main/core/engine/circuit-package.js';
import { poseidonChainInput } from '../../fixtures/circuits/inputs.js';
import { buildCircuit } from '../../support/circuits.js';

const fixture = await buildCircuit('poseidon-chain-small');
const packageBytes = await writeCircuitPackage({ name: 'poseidon-chain-small', constraints: fixture.constraints, wasmPath: fixture.wasm, zkeyPath: fixture.zkey, vkeyPath: fixture.vkey });
const circuit = { packageBytes, circuit: await readCircuitPackage(packageBytes, 2 ** 26) };
const batches = [1, 2].map((salt) => ({ circuit, input: { ...poseidonChainInput(), salt: String(salt) } }));
const sandbox = await startBatchApiSandbox({ participants: [{ id: 'e2e-participant', batches }] });
process.stdout.write(`${JSON.stringify({ url: sandbox.url, participant: 'e2e-participant' })}\n`);
