// The proof result bytes every practice-format protocol carries (practice-formats.md): UTF-8 JSON
// {"proof": {...}, "publicSignals": [...]} exactly as snarkjs.groth16.prove returns them.
import { z } from 'zod';

const ProofResultSchema = z.object({
  proof: z.record(z.string(), z.unknown()),
  publicSignals: z.array(z.string().regex(/^[0-9]+$/)),
});
export type ProofResult = z.infer<typeof ProofResultSchema>;

export function encodeProofResult(result: ProofResult): Buffer {
  return Buffer.from(JSON.stringify({ proof: result.proof, publicSignals: result.publicSignals }), 'utf8');
}

/** The decoded result, or undefined when the bytes are not one. */
export function decodeProofResult(bytes: Uint8Array): ProofResult | undefined {
  try {
    const parsed = ProofResultSchema.safeParse(JSON.parse(Buffer.from(bytes).toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Public signals of a snarkjs .wtns: values 1..nPublic of its witness section, as decimal strings. */
export function publicSignalsOfWitness(wtns: Uint8Array, nPublic: number): string[] {
  const view = new DataView(wtns.buffer, wtns.byteOffset, wtns.byteLength);
  const sections = view.getUint32(8, true);
  let at = 12;
  let n8 = 32;
  for (let s = 0; s < sections; s++) {
    const type = view.getUint32(at, true);
    const size = Number(view.getBigUint64(at + 4, true));
    const start = at + 12;
    if (type === 1) n8 = view.getUint32(start, true);
    if (type === 2) {
      const signals: string[] = [];
      for (let i = 1; i <= nPublic; i++) {
        let value = 0n;
        for (let b = n8 - 1; b >= 0; b--) value = (value << 8n) | BigInt(wtns[start + i * n8 + b]!);
        signals.push(value.toString());
      }
      return signals;
    }
    at = start + size;
  }
  throw new Error('witness has no values section');
}
