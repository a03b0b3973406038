// Groth16 verification over BN254 with snarkjs, for proofs in snarkjs's JSON format.
import * as snarkjs from 'snarkjs';
import { z } from 'zod';
import { readJsonFile } from './json-file.js';

/** The proof, public signals or verification key is not in snarkjs's Groth16 format. */
export class Groth16FormatError extends Error {
  override readonly name = 'Groth16FormatError';
}

const decimal = z.string().regex(/^[0-9]+$/, 'must be a decimal string');
const g1Point = z.tuple([decimal, decimal, decimal]);
const fq2 = z.tuple([decimal, decimal]);
const g2Point = z.tuple([fq2, fq2, fq2]);

const verificationKeySchema = z
  .object({
    protocol: z.literal('groth16'),
    curve: z.literal('bn128'),
    nPublic: z.number().int().nonnegative(),
    vk_alpha_1: g1Point,
    vk_beta_2: g2Point,
    vk_gamma_2: g2Point,
    vk_delta_2: g2Point,
    IC: z.array(g1Point),
  })
  .refine((key) => key.IC.length === key.nPublic + 1, { message: 'IC must hold nPublic + 1 points', path: ['IC'] });

const proofSchema = z.object({
  protocol: z.literal('groth16'),
  curve: z.literal('bn128').optional(),
  pi_a: g1Point,
  pi_b: g2Point,
  pi_c: g1Point,
});

const publicSignalsSchema = z.array(decimal);

/**
 * True when the proof verifies for these public signals. A well-formed proof that does not verify
 * (wrong signals, points off the curve, signals outside the field) gives false; input that is not in
 * snarkjs's format throws Groth16FormatError.
 */
export async function verifyGroth16(vkey: object, publicSignals: string[], proof: object): Promise<boolean> {
  const key = parse(verificationKeySchema, vkey, 'verification key');
  parse(proofSchema, proof, 'proof');
  parse(publicSignalsSchema, publicSignals, 'public signals');
  if (publicSignals.length !== key.nPublic) {
    throw new Groth16FormatError(`the verification key takes ${key.nPublic} public signals, got ${publicSignals.length}`);
  }
  // No logger: snarkjs would print "OK!" or "Invalid proof" for every call.
  return snarkjs.groth16.verify(vkey, publicSignals, proof);
}

/** verifyGroth16 over the three JSON files snarkjs writes (`verification_key.json`, proof, public). */
export async function verifyGroth16Files(files: { vkey: string; proof: string; publicSignals: string }): Promise<boolean> {
  const [vkey, proof, publicSignals] = await Promise.all([
    readJsonFile(files.vkey, 'verification key'),
    readJsonFile(files.proof, 'proof'),
    readJsonFile(files.publicSignals, 'public signals'),
  ]);
  const asObject = (value: unknown, what: string, path: string): object => {
    if (typeof value !== 'object' || value === null) throw new Groth16FormatError(`${what} ${path} is not a JSON object`);
    return value;
  };
  if (!Array.isArray(publicSignals)) {
    throw new Groth16FormatError(`public signals ${files.publicSignals} is not a JSON array`);
  }
  return verifyGroth16(
    asObject(vkey, 'verification key', files.vkey),
    publicSignals as string[],
    asObject(proof, 'proof', files.proof),
  );
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  throw new Groth16FormatError(`${what} is not in snarkjs's Groth16 format${where}: ${issue?.message ?? 'invalid'}`);
}
