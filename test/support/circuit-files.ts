// Reading and damaging the iden3 binary files circom and snarkjs write (.r1cs, .wtns, .zkey), for
// fixtures and bad-input tests. Layout: 4-byte magic, u32 version, u32 section count, then sections of
// (u32 type, u64 byte size, content); integers little-endian, field elements n8 bytes little-endian.

/** BN254's scalar field order (snarkjs "bn128"): the prime of every fixture witness. */
export const BN254_R = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;
/** BLS12-381's scalar field order: also 32 bytes a value, so a header with it is a "wrong curve". */
export const BLS12_381_R = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n;

interface Section {
  offset: number;
  size: number;
}

function sections(bytes: Uint8Array, magic: string): Map<number, Section> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found = new TextDecoder().decode(bytes.subarray(0, 4));
  if (found !== magic) throw new Error(`not a .${magic} file (magic ${JSON.stringify(found)})`);
  const count = view.getUint32(8, true);
  const result = new Map<number, Section>();
  let position = 12;
  for (let i = 0; i < count; i++) {
    const type = view.getUint32(position, true);
    const size = Number(view.getBigUint64(position + 4, true));
    result.set(type, { offset: position + 12, size });
    position += 12 + size;
  }
  return result;
}

function section(bytes: Uint8Array, magic: string, type: number): Section {
  const found = sections(bytes, magic).get(type);
  if (!found) throw new Error(`.${magic} file has no section ${type}`);
  return found;
}

function readField(bytes: Uint8Array, offset: number, n8: number): bigint {
  let value = 0n;
  for (let i = n8 - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[offset + i] ?? 0);
  return value;
}

function writeField(bytes: Uint8Array, offset: number, n8: number, value: bigint): void {
  for (let i = 0; i < n8; i++) bytes[offset + i] = Number((value >> BigInt(8 * i)) & 0xffn);
}

const viewOf = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export interface R1csHeader {
  n8: number;
  prime: bigint;
  wires: number;
  publicOutputs: number;
  publicInputs: number;
  privateInputs: number;
  constraints: number;
}

export function readR1csHeader(r1cs: Uint8Array): R1csHeader {
  const { offset } = section(r1cs, 'r1cs', 1);
  const view = viewOf(r1cs);
  const n8 = view.getUint32(offset, true);
  const at = offset + 4 + n8;
  return {
    n8,
    prime: readField(r1cs, offset + 4, n8),
    wires: view.getUint32(at, true),
    publicOutputs: view.getUint32(at + 4, true),
    publicInputs: view.getUint32(at + 8, true),
    privateInputs: view.getUint32(at + 12, true),
    // a u64 label count sits between the private inputs and the constraint count
    constraints: view.getUint32(at + 24, true),
  };
}

/**
 * A private wire that occurs in the C part of some constraint and not in its A or B: changing that
 * wire's value alone is sure to break the constraint.
 */
export function wireOnlyInC(r1cs: Uint8Array): number {
  const header = readR1csHeader(r1cs);
  const view = viewOf(r1cs);
  let position = section(r1cs, 'r1cs', 2).offset;
  const readCombination = (): number[] => {
    const terms = view.getUint32(position, true);
    const wires = Array.from({ length: terms }, (_, i) => view.getUint32(position + 4 + i * (4 + header.n8), true));
    position += 4 + terms * (4 + header.n8);
    return wires;
  };
  const firstPrivate = 1 + header.publicOutputs + header.publicInputs;
  for (let i = 0; i < header.constraints; i++) {
    const inAOrB = new Set([...readCombination(), ...readCombination()]);
    const wire = readCombination().find((w) => w >= firstPrivate && !inAOrB.has(w));
    if (wire !== undefined) return wire;
  }
  throw new Error('no constraint has a private wire only in its C part');
}

export interface WtnsLayout {
  n8: number;
  prime: bigint;
  primeOffset: number;
  values: number;
  /** Byte offset of value 0 (the constant 1); value i is at valuesOffset + i * n8. */
  valuesOffset: number;
}

export function wtnsLayout(wtns: Uint8Array): WtnsLayout {
  const header = section(wtns, 'wtns', 1);
  const n8 = viewOf(wtns).getUint32(header.offset, true);
  return {
    n8,
    prime: readField(wtns, header.offset + 4, n8),
    primeOffset: header.offset + 4,
    values: viewOf(wtns).getUint32(header.offset + 4 + n8, true),
    valuesOffset: section(wtns, 'wtns', 2).offset,
  };
}

export function readWitnessValue(wtns: Uint8Array, index: number): bigint {
  const layout = wtnsLayout(wtns);
  return readField(wtns, layout.valuesOffset + index * layout.n8, layout.n8);
}

/** A copy of the witness with value `index` replaced (taken modulo the witness's prime). */
export function wtnsWithValue(wtns: Uint8Array, index: number, value: bigint): Uint8Array {
  const layout = wtnsLayout(wtns);
  if (index < 0 || index >= layout.values) throw new Error(`witness has no value ${index} (it has ${layout.values})`);
  const copy = Uint8Array.from(wtns);
  const reduced = ((value % layout.prime) + layout.prime) % layout.prime;
  writeField(copy, layout.valuesOffset + index * layout.n8, layout.n8, reduced);
  return copy;
}

/** A copy of the witness whose header names another prime (another curve), values untouched. */
export function wtnsWithPrime(wtns: Uint8Array, prime: bigint): Uint8Array {
  const layout = wtnsLayout(wtns);
  const copy = Uint8Array.from(wtns);
  writeField(copy, layout.primeOffset, layout.n8, prime);
  return copy;
}

/**
 * A copy of the Groth16 key whose header names another base field (`q`) or scalar field (`r`) prime.
 * Header section 2 holds u32 n8q, q, u32 n8r, r, then the key's sizes and points.
 */
export function zkeyWithPrime(zkey: Uint8Array, field: 'q' | 'r', prime: bigint): Uint8Array {
  const { offset } = section(zkey, 'zkey', 2);
  const view = viewOf(zkey);
  const n8q = view.getUint32(offset, true);
  const copy = Uint8Array.from(zkey);
  if (field === 'q') writeField(copy, offset + 4, n8q, prime);
  else writeField(copy, offset + 8 + n8q, view.getUint32(offset + 4 + n8q, true), prime);
  return copy;
}
