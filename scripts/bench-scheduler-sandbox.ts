// The coordinator of `npm run bench:scheduler`, in its own process as a real coordinator would be (in the
// benchmark's process its witness and snarkjs work would queue behind the client's): a batch-API sandbox with
// argv[2] batches of the ~2^12-constraint circuit. Prints {"url"} once listening; on SIGTERM prints its
// submissions as one JSON line and exits.
import { startBatchApiSandbox } from '../src-main/core/coordinators/batch-api/sandbox-server.js';
import { releaseSnarkjsWorkers } from '../src-main/core/engine/snarkjs-workers.js';
import { poseidonChainInput } from '../test/fixtures/circuits/inputs.js';
import { sandboxCircuit } from '../test/support/sandbox-circuits.js';

const count = Number(process.argv[2] ?? 21);
const circuit = await sandboxCircuit('poseidon-chain-small');
const batches = Array.from({ length: count }, (_, i) => ({ circuit, input: { ...poseidonChainInput(), salt: String(i + 1) } }));
const sandbox = await startBatchApiSandbox({ participants: [{ id: 'bench', batches }] });
process.stdout.write(`${JSON.stringify({ url: sandbox.url, constraints: circuit.circuit.manifest.constraints })}\n`);
process.once('SIGTERM', () => {
  process.stdout.write(`${JSON.stringify(sandbox.submissions())}\n`, () => {
    void sandbox.close().then(releaseSnarkjsWorkers);
  });
});
