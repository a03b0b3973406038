// `proverdesk verify`: checks a Groth16 proof against a verification key, as `snarkjs groth16 verify` does.
import { readFile } from 'node:fs/promises';
import { releaseSnarkjsWorkers } from '../../core/engine/snarkjs-workers.js';
import { verifyGroth16 } from '../../core/engine/verify.js';
import { parseOptions, requireOption } from '../cli-options.js';

export const VERIFY_HELP = `Options for verify:
  --vkey FILE              Verification key (JSON).
  --proof FILE             Proof (JSON).
  --public FILE            Public signals (JSON).
`;

async function readJson(flag: string, file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${flag} ${file}: ${(error as Error).message}`);
  }
}

export async function verify(args: string[]): Promise<number> {
  const values = parseOptions(args, { vkey: { type: 'string' }, proof: { type: 'string' }, public: { type: 'string' } });
  const vkey = await readJson('--vkey', requireOption(values.vkey, '--vkey'));
  const proof = await readJson('--proof', requireOption(values.proof, '--proof'));
  const publicSignals = await readJson('--public', requireOption(values.public, '--public'));
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
