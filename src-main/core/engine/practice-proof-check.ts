// A check of a practice proof (practice-formats.md): the proof result verifies with snarkjs
// against the program's verification key and, when the group's input is known, its public signals are the
// ones that input gives. Used by the donation organisation client and by the sandbox servers.
import type { CircuitPackage } from './circuit-package.js';
import { decodeProofResult, publicSignalsOfWitness } from './proof-result.js';
import { Groth16FormatError, verifyGroth16 } from './verify.js';
import { computeWitness } from './witness.js';

export interface ProofVerdict {
  valid: boolean;
  reason: string;
}

export async function checkPracticeProof(pkg: CircuitPackage, proofBytes: Uint8Array, input?: Record<string, unknown>): Promise<ProofVerdict> {
  const result = decodeProofResult(proofBytes);
  if (!result) return { valid: false, reason: 'the file is not a proof result ({"proof", "publicSignals"} as UTF-8 JSON)' };
  if (input) {
    const expected = publicSignalsOfWitness(await computeWitness(pkg.wasm, input), Number(pkg.vkey.nPublic));
    if (expected.join(',') !== result.publicSignals.join(',')) {
      return { valid: false, reason: "its public signals are not the ones this group's input gives" };
    }
  }
  try {
    if (!(await verifyGroth16(pkg.vkey, result.publicSignals, result.proof))) {
      return { valid: false, reason: "the proof does not verify with the program's verification key" };
    }
  } catch (error) {
    if (error instanceof Groth16FormatError) return { valid: false, reason: error.message };
    throw error;
  }
  return { valid: true, reason: input ? "the proof verifies and its public signals are the group input's" : 'the proof verifies with snarkjs' };
}
