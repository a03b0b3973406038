// Benchmark circuits of 2^18 and 2^20 constraints, too big to compile with circom on these machines (a 2^18
// Poseidon chain takes minutes and over a gigabyte): a "square chain" written straight as an iden3 .r1cs with its
// .wtns, keyed with the engine's INSECURE dev-setup. x_i = x_{i−1}·(x_{i−1} + 1) from a random x_0, and the
// public output is the last x. Like circom circuits, every constraint is sparse and the witness is dense.
// Cached in .cache/bench/square-chain-<log2>/ so later runs only read it.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NativeAddon } from '../src-main/core/engine/native-addon.js';

const R = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;
const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const FIELD_BYTES = 32;

export interface SyntheticCircuit {
  name: string;
  zkey: string;
  wtns: string;
  constraints: number;
}

/** Builds (or finds) the square chain whose Groth16 domain is 2^log2 (constraints + public inputs + 1 fit it). */
export async function syntheticCircuit(log2: number, threads: number): Promise<SyntheticCircuit> {
  const chain = 2 ** log2 - 4; // chain constraints; plus the output constraint and snarkjs's 2 public rows
  const constraints = chain + 1;
  const name = `square-chain-2^${log2}`;
  const dir = join(REPO_ROOT, '.cache/bench', `square-chain-${log2}`);
  const files = { name, zkey: join(dir, 'circuit.zkey'), wtns: join(dir, 'witness.wtns'), constraints };
  if (existsSync(files.zkey) && existsSync(files.wtns)) return files;

  await mkdir(dir, { recursive: true });
  const r1cs = join(dir, 'circuit.r1cs');
  await writeFile(r1cs, squareChainR1cs(chain));
  await writeFile(files.wtns + '.tmp', squareChainWitness(chain));
  await rename(files.wtns + '.tmp', files.wtns);
  const addon = createRequire(import.meta.url)('../native/build/Release/proverdesk_engine.node') as NativeAddon;
  console.log(`making an INSECURE dev-setup key for ${name} (${constraints} constraints)…`);
  await addon.devSetup(r1cs, files.zkey, threads, () => {}).promise;
  await rm(r1cs);
  return files;
}

/** Wires: 0 = one, 1 = output, 2 = x_0, 2 + i = x_i. */
function squareChainR1cs(chain: number): Uint8Array {
  const wires = chain + 3;
  const one = (wire: number) => term(wire, 1n);
  const constraints: Uint8Array[] = [];
  for (let i = 1; i <= chain; i++) {
    // x_{i−1} · (x_{i−1} + 1) = x_i
    constraints.push(linear([one(1 + i)]), linear([one(1 + i), one(0)]), linear([one(2 + i)]));
  }
  constraints.push(linear([one(2 + chain)]), linear([one(0)]), linear([one(1)])); // x_chain · 1 = output
  const header = new Uint8Array(4 + FIELD_BYTES + 4 * 4 + 8 + 4);
  const view = new DataView(header.buffer);
  view.setUint32(0, FIELD_BYTES, true);
  header.set(fieldBytes(R), 4);
  let at = 4 + FIELD_BYTES;
  for (const count of [wires, 1, 0, 1]) { // wires, public outputs, public inputs, private inputs
    view.setUint32(at, count, true);
    at += 4;
  }
  view.setBigUint64(at, BigInt(wires), true);
  view.setUint32(at + 8, chain + 1, true);
  const labels = new Uint8Array(8 * wires);
  const labelView = new DataView(labels.buffer);
  for (let w = 0; w < wires; w++) labelView.setBigUint64(8 * w, BigInt(w), true);
  return binFile('r1cs', 1, [[1, header], [2, Buffer.concat(constraints)], [3, labels]]);
}

function squareChainWitness(chain: number): Uint8Array {
  const values = new Uint8Array(FIELD_BYTES * (chain + 3));
  let x = BigInt(`0x${randomBytes(31).toString('hex')}`);
  values.set(fieldBytes(1n), 0);
  values.set(fieldBytes(x), 2 * FIELD_BYTES);
  for (let i = 1; i <= chain; i++) {
    x = (x * (x + 1n)) % R;
    values.set(fieldBytes(x), (2 + i) * FIELD_BYTES);
  }
  values.set(fieldBytes(x), FIELD_BYTES);
  const header = new Uint8Array(4 + FIELD_BYTES + 4);
  const view = new DataView(header.buffer);
  view.setUint32(0, FIELD_BYTES, true);
  header.set(fieldBytes(R), 4);
  view.setUint32(4 + FIELD_BYTES, chain + 3, true);
  return binFile('wtns', 2, [[1, header], [2, values]]);
}

function term(wire: number, coefficient: bigint): Uint8Array {
  const bytes = new Uint8Array(4 + FIELD_BYTES);
  new DataView(bytes.buffer).setUint32(0, wire, true);
  bytes.set(fieldBytes(coefficient), 4);
  return bytes;
}

function linear(terms: Uint8Array[]): Uint8Array {
  const count = new Uint8Array(4);
  new DataView(count.buffer).setUint32(0, terms.length, true);
  return Buffer.concat([count, ...terms]);
}

function fieldBytes(value: bigint): Uint8Array {
  const bigEndian = Buffer.from(value.toString(16).padStart(2 * FIELD_BYTES, '0'), 'hex');
  return Uint8Array.from(bigEndian.reverse());
}

/** iden3 binary container: magic, u32 version, u32 section count, then (u32 type, u64 size, content). */
function binFile(magic: string, version: number, sections: [number, Uint8Array][]): Uint8Array {
  const head = new Uint8Array(12);
  head.set(new TextEncoder().encode(magic), 0);
  new DataView(head.buffer).setUint32(4, version, true);
  new DataView(head.buffer).setUint32(8, sections.length, true);
  const parts: Uint8Array[] = [head];
  for (const [type, content] of sections) {
    const sectionHead = new Uint8Array(12);
    new DataView(sectionHead.buffer).setUint32(0, type, true);
    new DataView(sectionHead.buffer).setBigUint64(4, BigInt(content.length), true);
    parts.push(sectionHead, content);
  }
  return Buffer.concat(parts);
}
