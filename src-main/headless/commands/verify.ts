// `proverdesk verify`: checks a Groth16 proof against a verification key, as `snarkjs groth16 verify` does.
import { readJsonFile } from '../../core/engine/json-file.js';
import { releaseSnarkjsWorkers } from '../../core/engine/snarkjs-workers.js';
import { verifyGroth16 } from '../../core/engine/verify.js';
import { parseOptions, requireOption } from '../cli-options.js';

export const VERIFY_HELP = `Options for verify:
  --vkey FILE              Verification key (JSON).
  --proof FILE             Proof (JSON).
  --public FILE            Public signals (JSON).
`;

export async function verify(args: string[]): Promise<number> {
  const values = parseOptions(args, { vkey: { type: 'string' }, proof: { type: 'string' }, public: { type: 'string' } });
  const vkey = await readJsonFile(requireOption(values.vkey, '--vkey'), 'the verification key');
  const proof = await readJsonFile(requireOption(values.proof, '--proof'), 'the proof');
  const publicSignals = await readJsonFile(requireOption(values.public, '--public'), 'the public signals');
  if (!Array.isArray(publicSignals)) throw new Error('--public must hold a JSON array of public signals');
  let valid: boolean;
  try {
    valid = await verifyGroth16(vkey as object, publicSignals as string[], proof as object);
  } finally {
    await releaseSnarkjsWorkers(); // snarkjs's worker threads would keep the command from exiting
  }
  process.stdout.write(valid ? 'OK: the proof is valid.\n' : 'INVALID: the proof does not verify.\n');
  return valid ? 0 : 1;
}
