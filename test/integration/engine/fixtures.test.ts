// The circom fixture circuits: built for real (circom2, snarkjs, the shared powers of tau), cached,
// proved with snarkjs and checked with verifyGroth16.
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as snarkjs from 'snarkjs';
import type { Groth16Proof } from 'snarkjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseSnarkjsWorkers } from '../../../src-main/core/engine/snarkjs-workers.js';
import { Groth16FormatError, verifyGroth16, verifyGroth16Files } from '../../../src-main/core/engine/verify.js';
import { BN254_R, readR1csHeader, readWitnessValue, wtnsLayout } from '../../support/circuit-files.js';
import { buildCircuit, collectingLogger, invalidWitnessFor, type CircuitFixture, type CircuitName } from '../../support/circuits.js';

afterAll(releaseSnarkjsWorkers);

const BUILD_TIMEOUT = 600_000;

interface Proved {
  fixture: CircuitFixture;
  vkey: Record<string, unknown>;
  proof: Groth16Proof;
  publicSignals: string[];
}

async function buildAndProve(name: CircuitName): Promise<Proved> {
  const fixture = await buildCircuit(name);
  const vkey = JSON.parse(await readFile(fixture.vkey, 'utf8')) as Record<string, unknown>;
  const { proof, publicSignals } = await snarkjs.groth16.prove(fixture.zkey, fixture.wtns);
  return { fixture, vkey, proof, publicSignals };
}

async function witnessSatisfies(fixture: CircuitFixture, wtns: string | Uint8Array): Promise<boolean> {
  return snarkjs.wtns.check(fixture.r1cs, wtns, collectingLogger());
}

/** What each circuit's public signals must be for its fixture input (outputs first, then public inputs). */
const expectedPublicSignals: Record<string, (fixture: CircuitFixture, wtns: Uint8Array) => string[]> = {
  'multi-public': ({ input }) => {
    const value = (signal: string) => BigInt(input[signal] as string);
    const [a, b, c, d, x, y] = [value('a'), value('b'), value('c'), value('d'), value('x'), value('y')];
    return [a + b + c + d + x + y, a * b * c * d, a * x + 3n * b + y, x < y ? 1n : 0n, a, b, c, d].map(String);
  },
  // The root is computed by the circuit (no Poseidon outside it); the leaf is the public input.
  'merkle-inclusion': ({ input }, wtns) => [String(readWitnessValue(wtns, 1)), input.leaf as string],
  'poseidon-chain-small': (_, wtns) => [String(readWitnessValue(wtns, 1))],
  'poseidon-chain-32k': (_, wtns) => [String(readWitnessValue(wtns, 1))],
};

const big = process.env.PROVERDESK_TEST_32K === '1';
const circuits: [CircuitName, number][] = [
  ['multi-public', 8],
  ['merkle-inclusion', 2],
  ['poseidon-chain-small', 1],
  ...(big ? ([['poseidon-chain-32k', 1]] as [CircuitName, number][]) : []),
];

describe.each(circuits)('fixture %s', (name, nPublic) => {
  let proved: Proved;
  beforeAll(async () => {
    proved = await buildAndProve(name);
  }, BUILD_TIMEOUT);

  it('has a key, verification key and witness that agree with its r1cs', async () => {
    const { fixture, vkey } = proved;
    const header = readR1csHeader(await readFile(fixture.r1cs));
    expect(header.prime).toBe(BN254_R);
    expect(fixture.constraints).toBe(header.constraints);
    expect(fixture.constraints).toBeGreaterThan(0);
    expect(fixture.nPublic).toBe(nPublic);
    expect(header.publicOutputs + header.publicInputs).toBe(nPublic);
    expect(vkey).toMatchObject({ protocol: 'groth16', curve: 'bn128', nPublic });
    // gamma is the G2 generator; a key without a phase-2 contribution would have delta equal to it.
    expect(vkey.vk_delta_2).not.toEqual(vkey.vk_gamma_2);

    const wtns = wtnsLayout(await readFile(fixture.wtns));
    expect(wtns.prime).toBe(BN254_R);
    expect(wtns.values).toBe(header.wires);
    expect(await witnessSatisfies(fixture, fixture.wtns)).toBe(true);
  });

  it('proves with snarkjs, and verifyGroth16 accepts the proof', async () => {
    const { fixture, vkey, proof, publicSignals } = proved;
    const expected = expectedPublicSignals[name]?.(fixture, await readFile(fixture.wtns));
    expect(publicSignals).toEqual(expected);
    expect(await verifyGroth16(vkey, publicSignals, proof)).toBe(true);
  });

  it('rejects the proof with any one public signal tampered', async () => {
    const { vkey, proof, publicSignals } = proved;
    for (let i = 0; i < publicSignals.length; i++) {
      const tampered = publicSignals.map((signal, j) => (j === i ? String((BigInt(signal) + 1n) % BN254_R) : signal));
      expect(await verifyGroth16(vkey, tampered, proof)).toBe(false);
    }
  });

  it('makes, with invalidWitnessFor, a witness that fails the circuit and gives a proof that does not verify', async () => {
    const { fixture, vkey } = proved;
    const invalid = await invalidWitnessFor(fixture);
    expect(await witnessSatisfies(fixture, invalid)).toBe(false);

    const { proof, publicSignals } = await snarkjs.groth16.prove(fixture.zkey, invalid);
    expect(publicSignals).toEqual(proved.publicSignals); // only a private wire changed
    expect(await verifyGroth16(vkey, publicSignals, proof)).toBe(false);
  });
});

describe('the fixture cache', () => {
  it('reuses a finished build without touching it', async () => {
    const first = await buildCircuit('multi-public');
    const before = await stat(first.zkey);
    const second = await buildCircuit('multi-public');
    expect(second).toEqual(first);
    expect((await stat(second.zkey)).mtimeMs).toBe(before.mtimeMs);
  });

  it('keeps one complete build when two builders race into an empty cache', async () => {
    const cacheRoot = await mkdtemp(join(tmpdir(), 'proverdesk-circuits-'));
    try {
      const [a, b] = await Promise.all([
        buildCircuit('multi-public', { cacheRoot }),
        buildCircuit('multi-public', { cacheRoot }),
      ]);
      expect(b).toEqual(a);
      expect(await readdir(cacheRoot)).toEqual([a.dir.slice(cacheRoot.length + 1)]);
      expect((await readdir(a.dir)).sort()).toEqual([
        'circuit.r1cs',
        'circuit.wasm',
        'circuit.zkey',
        'fixture.json',
        'input.json',
        'verification_key.json',
        'witness.wtns',
      ]);
      expect(await witnessSatisfies(a, a.wtns)).toBe(true);
    } finally {
      await rm(cacheRoot, { recursive: true, force: true });
    }
  }, BUILD_TIMEOUT);
});

describe('verifyGroth16 on bad input', () => {
  let proved: Proved;
  beforeAll(async () => {
    proved = await buildAndProve('multi-public');
  }, BUILD_TIMEOUT);

  it('returns false for a public signal outside the field and for a proof point off the curve', async () => {
    const { vkey, proof, publicSignals } = proved;
    const outside = [String(BigInt(publicSignals[0] ?? '0') + BN254_R), ...publicSignals.slice(1)];
    expect(await verifyGroth16(vkey, outside, proof)).toBe(false);
    expect(await verifyGroth16(vkey, publicSignals, { ...proof, pi_a: ['1', '1', '1'] })).toBe(false);
  });

  it('throws a clear Groth16FormatError for input not in snarkjs format', async () => {
    const { vkey, proof, publicSignals } = proved;
    await expect(verifyGroth16(vkey, publicSignals.slice(1), proof)).rejects.toThrow(
      new Groth16FormatError('the verification key takes 8 public signals, got 7'),
    );
    await expect(verifyGroth16(vkey, publicSignals, { ...proof, pi_b: [['1', '2']] })).rejects.toThrow(
      /^proof is not in snarkjs's Groth16 format at pi_b/,
    );
    await expect(verifyGroth16(vkey, ['0x1', ...publicSignals.slice(1)], proof)).rejects.toThrow(
      "public signals is not in snarkjs's Groth16 format at 0: must be a decimal string",
    );
    await expect(verifyGroth16({ ...vkey, protocol: 'plonk' }, publicSignals, proof)).rejects.toThrow(
      /^verification key is not in snarkjs's Groth16 format at protocol/,
    );
    await expect(verifyGroth16({ ...vkey, IC: [] }, publicSignals, proof)).rejects.toThrow(
      "verification key is not in snarkjs's Groth16 format at IC: IC must hold nPublic + 1 points",
    );
  });

  it('verifies from files, and names a missing or broken file', async () => {
    const { vkey, proof, publicSignals } = proved;
    const dir = await mkdtemp(join(tmpdir(), 'proverdesk-verify-'));
    try {
      const files = { vkey: join(dir, 'vkey.json'), proof: join(dir, 'proof.json'), publicSignals: join(dir, 'public.json') };
      await writeFile(files.vkey, JSON.stringify(vkey));
      await writeFile(files.proof, JSON.stringify(proof));
      await writeFile(files.publicSignals, JSON.stringify(publicSignals));
      expect(await verifyGroth16Files(files)).toBe(true);

      await writeFile(files.publicSignals, JSON.stringify(publicSignals.toReversed()));
      expect(await verifyGroth16Files(files)).toBe(false);

      await writeFile(files.proof, '{"pi_a": [');
      await expect(verifyGroth16Files(files)).rejects.toThrow(new RegExp(`^proof ${files.proof} is not valid JSON: `));
      await expect(verifyGroth16Files({ ...files, vkey: join(dir, 'missing.json') })).rejects.toThrow(
        `cannot read verification key ${join(dir, 'missing.json')}: no such file`,
      );
      await writeFile(files.publicSignals, '{}');
      await writeFile(files.proof, JSON.stringify(proof));
      await expect(verifyGroth16Files(files)).rejects.toThrow(`public signals ${files.publicSignals} is not a JSON array`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
