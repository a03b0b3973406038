// Runs a batch-API sandbox with practice batches for an end-to-end test, in its own process (run with tsx):
// prints one JSON line {"url": …, "participant": …} and serves until killed.
import { startBatchApiSandbox } from '../../../src-main/core/coordinators/batch-api/sandbox-server.js';
import { poseidonChainInput } from '../../fixtures/circuits/inputs.js';
import { sandboxCircuit } from '../../support/sandbox-circuits.js';

const circuit = await sandboxCircuit('poseidon-chain-small');
const batches = [1, 2].map((salt) => ({ circuit, input: { ...poseidonChainInput(), salt: String(salt) } }));
const sandbox = await startBatchApiSandbox({ participants: [{ id: 'e2e-participant', batches }] });
process.stdout.write(`${JSON.stringify({ url: sandbox.url, participant: 'e2e-participant' })}\n`);
