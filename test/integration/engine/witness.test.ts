// computeWitness against circom's own witness generator, and its errors for bad circuits and inputs.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WitnessError, computeWitness, type WitnessErrorReason } from '../../../src-main/core/engine/witness.js';
import { buildCircuit, type CircuitFixture, type CircuitName } from '../../support/circuits.js';

const BUILD_TIMEOUT = 600_000;

async function witnessError(wasm: string | Uint8Array, input: Record<string, unknown>): Promise<WitnessError> {
  try {
    await computeWitness(wasm, input);
  } catch (error) {
    if (error instanceof WitnessError) return error;
    throw error;
  }
  throw new Error('expected computeWitness to fail');
}

async function expectWitnessError(
  wasm: string | Uint8Array,
  input: Record<string, unknown>,
  reason: WitnessErrorReason,
  message: string | RegExp,
): Promise<void> {
  const error = await witnessError(wasm, input);
  expect(error.reason).toBe(reason);
  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
}

describe.each<CircuitName>(['multi-public', 'merkle-inclusion', 'poseidon-chain-small'])('computeWitness for %s', (name) => {
  let fixture: CircuitFixture;
  beforeAll(async () => {
    fixture = await buildCircuit(name);
  }, BUILD_TIMEOUT);

  it("gives, byte for byte, the witness circom's generate_witness.js wrote, from a path or from bytes", async () => {
    const expected = new Uint8Array(await readFile(fixture.wtns));
    expect(await computeWitness(fixture.wasm, fixture.input)).toEqual(expected);
    expect(await computeWitness(new Uint8Array(await readFile(fixture.wasm)), fixture.input)).toEqual(expected);
  });
});

describe('computeWitness on bad input', () => {
  let multiPublic: CircuitFixture;
  let merkle: CircuitFixture;
  let scratch: string;
  beforeAll(async () => {
    [multiPublic, merkle] = await Promise.all([buildCircuit('multi-public'), buildCircuit('merkle-inclusion')]);
    scratch = await mkdtemp(join(tmpdir(), 'proverdesk-witness-'));
  }, BUILD_TIMEOUT);
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('names a wasm file that does not exist', async () => {
    const missing = join(scratch, 'missing.wasm');
    await expectWitnessError(missing, {}, 'unreadable-wasm', `cannot read circuit wasm ${missing}: no such file`);
  });

  it('refuses a file that is not WebAssembly, and WebAssembly that is not a circom witness generator', async () => {
    const notWasm = join(scratch, 'input.json');
    await writeFile(notWasm, JSON.stringify(multiPublic.input));
    await expectWitnessError(
      notWasm,
      multiPublic.input,
      'not-a-circuit',
      'not a circom witness generator: the file is not a WebAssembly module',
    );
    // The smallest valid WebAssembly module: magic and version, no sections.
    const emptyModule = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    await expectWitnessError(
      emptyModule,
      multiPublic.input,
      'not-a-circuit',
      /^not a circom 2 witness generator: the WebAssembly module does not export getVersion, getFieldNumLen32, /,
    );
  });

  it('names a missing signal count, an unknown signal, a wrong array length and a value that is not an integer', async () => {
    const { wasm, input } = multiPublic;
    const { d: _dropped, ...withoutD } = input;
    await expectWitnessError(wasm, withoutD, 'bad-input', 'input is missing signals: it gives 5 of the 6 input values the circuit takes');
    await expectWitnessError(wasm, { ...input, z: '1' }, 'bad-input', "input signal 'z' is not an input of this circuit");
    await expectWitnessError(wasm, { ...input, a: ['1', '2'] }, 'bad-input', "input signal 'a' has 2 value(s); the circuit takes 1");
    await expectWitnessError(
      merkle.wasm,
      { ...merkle.input, pathElements: ['1', '2'] },
      'bad-input',
      "input signal 'pathElements' has 2 value(s); the circuit takes 16",
    );
    await expectWitnessError(
      merkle.wasm,
      { ...merkle.input, pathIndices: [...(merkle.input.pathIndices as string[]).slice(1), 'one'] },
      'bad-input',
      `input signal 'pathIndices[15]' is not an integer: "one"`,
    );
    await expectWitnessError(wasm, { ...input, x: 1.5 }, 'bad-input', "input signal 'x' is not an integer: 1.5");
    await expectWitnessError(wasm, { ...input, x: null }, 'bad-input', "input signal 'x' is not an integer: null");
    await expectWitnessError(wasm, [] as unknown as Record<string, unknown>, 'bad-input', 'input must be a JSON object of circom input signals');
  });

  it('says which template rejected an input that breaks a constraint assertion', async () => {
    await expectWitnessError(
      multiPublic.wasm,
      { ...multiPublic.input, x: String(2n ** 32n) },
      'unsatisfied',
      /^input does not satisfy the circuit: an assertion failed in Num2Bits_\d+ line \d+ \(called from MultiPublic_\d+ line \d+\)$/,
    );
    const pathIndices = ['2', ...(merkle.input.pathIndices as string[]).slice(1)];
    await expectWitnessError(
      merkle.wasm,
      { ...merkle.input, pathIndices },
      'unsatisfied',
      /^input does not satisfy the circuit: an assertion failed in MerkleInclusion_\d+ line \d+$/,
    );
  });

  it('accepts the forms of integers snarkjs takes, leaves the input untouched, and works after a failure', async () => {
    const { wasm, input } = multiPublic;
    const expected = new Uint8Array(await readFile(multiPublic.wtns));
    const snapshot = structuredClone(input);
    await witnessError(wasm, { ...input, x: String(2n ** 32n) });
    expect(await computeWitness(wasm, input)).toEqual(expected);
    expect(input).toEqual(snapshot);

    const otherForms = { ...input, a: 3, b: 5n, c: '0x7', x: `0x${BigInt(input.x as string).toString(16)}` };
    expect(await computeWitness(wasm, otherForms)).toEqual(expected);
  });
});
