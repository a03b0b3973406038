// Computes a circuit's witness (the bytes of a snarkjs `.wtns` file) from circom's witness generator
// (`.wasm`) and an input object, with snarkjs's witness calculator (circom_runtime). Compiling a generator
// takes tens of milliseconds, a large share of a small job, so the compiled calculators of the last few
// circuits are kept (by the wasm's sha256) and reused, one witness at a time each.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { WitnessCalculatorBuilder, type WitnessCalculator } from 'circom_runtime';
import { WitnessError } from './witness-error.js';
import { inspectWitnessGenerator, type WitnessGeneratorShape } from './witness-generator.js';

export { WitnessError, type WitnessErrorReason } from './witness-error.js';

interface CompiledCircuit {
  shape: WitnessGeneratorShape;
  calculator: WitnessCalculator;
  /** The calculator shares one WebAssembly memory: witnesses are computed one after another. */
  queue: Promise<unknown>;
}

const KEPT_CIRCUITS = 8;
const compiled = new Map<string, Promise<CompiledCircuit>>();

/**
 * A circuit's witness generator: a file, its bytes, or an identity the caller vouches for (a circuit package's
 * sha256) with a way to read the bytes, so a circuit seen before costs neither a read nor a hash of megabytes.
 */
export type WasmSource = string | Uint8Array | { id: string; load: () => Promise<Uint8Array> };

/** Hashes of wasm buffers seen before (servers pass the same package bytes for every job). */
const hashes = new WeakMap<Uint8Array, string>();

function keyOf(source: Exclude<WasmSource, string>): string {
  if (!(source instanceof Uint8Array)) return `id:${source.id}`;
  let hash = hashes.get(source);
  if (hash === undefined) {
    hash = createHash('sha256').update(source).digest('hex');
    hashes.set(source, hash);
  }
  return `sha256:${hash}`;
}

function compile(source: Exclude<WasmSource, string>): Promise<CompiledCircuit> {
  const key = keyOf(source);
  let entry = compiled.get(key);
  if (entry) {
    compiled.delete(key); // most recently used last
  } else {
    entry = (async () => {
      const code = source instanceof Uint8Array ? source : await source.load();
      const shape = await inspectWitnessGenerator(code);
      const calculator = await WitnessCalculatorBuilder(code).catch((error: unknown) => {
        throw explainCalculatorError(error);
      });
      return { shape, calculator, queue: Promise.resolve() };
    })();
    entry.catch(() => compiled.delete(key));
  }
  compiled.set(key, entry);
  while (compiled.size > KEPT_CIRCUITS) compiled.delete(compiled.keys().next().value!);
  return entry;
}

export async function computeWitness(wasm: WasmSource, input: Record<string, unknown>): Promise<Uint8Array> {
  const circuit = await compile(typeof wasm === 'string' ? await readWasm(wasm) : wasm);
  checkInput(circuit.shape, input);
  const run = circuit.queue.then(() => circuit.calculator.calculateWTNSBin(input, true));
  circuit.queue = run.catch(() => undefined);
  try {
    return await run;
  } catch (error) {
    throw explainCalculatorError(error);
  }
}

async function readWasm(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new WitnessError('unreadable-wasm', `cannot read circuit wasm ${path}: ${reason}`, { cause: error });
  }
}

function checkInput(circuit: WitnessGeneratorShape, input: Record<string, unknown>): void {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new WitnessError('bad-input', 'input must be a JSON object of circom input signals');
  }
  let valueCount = 0;
  for (const [name, value] of Object.entries(input)) {
    const size = circuit.inputSignalSize(name);
    if (size === 0) throw new WitnessError('bad-input', `input signal '${name}' is not an input of this circuit`);
    const count = countSignalValues(name, value);
    if (count !== size) {
      throw new WitnessError('bad-input', `input signal '${name}' has ${count} value(s); the circuit takes ${size}`);
    }
    valueCount += count;
  }
  if (valueCount < circuit.inputValueCount) {
    throw new WitnessError(
      'bad-input',
      `input is missing signals: it gives ${valueCount} of the ${circuit.inputValueCount} input values the circuit takes`,
    );
  }
}

/** Counts the values of a signal (arrays flattened), checking each is an integer snarkjs can take. */
function countSignalValues(path: string, value: unknown): number {
  if (Array.isArray(value)) {
    return value.reduce<number>((count, item, index) => count + countSignalValues(`${path}[${index}]`, item), 0);
  }
  const isInteger =
    typeof value === 'bigint' ||
    (typeof value === 'number' && Number.isSafeInteger(value)) ||
    (typeof value === 'string' && /^(-?[0-9]+|0x[0-9a-fA-F]+)$/.test(value));
  if (!isInteger) {
    throw new WitnessError('bad-input', `input signal '${path}' is not an integer: ${JSON.stringify(value) ?? String(value)}`);
  }
  return 1;
}

/** Rewords what circom_runtime throws when the circuit rejects the input mid-computation. */
function explainCalculatorError(error: unknown): WitnessError {
  const text = (error instanceof Error ? error.message : String(error)).replace(/^(Error: )+/, '').trim();
  if (text.startsWith('Assert Failed')) {
    // circom lists the failing template first, then its callers: "Error in template Num2Bits_0 line: 38".
    const frames = [...text.matchAll(/Error in template (\S+) line: (\d+)/g)].map(([, template, line]) => `${template} line ${line}`);
    const where = frames.length > 0 ? ` in ${frames[0]}${frames.length > 1 ? ` (called from ${frames.slice(1).join(', ')})` : ''}` : '';
    return new WitnessError('unsatisfied', `input does not satisfy the circuit: an assertion failed${where}`, { cause: error });
  }
  return new WitnessError('bad-input', `cannot compute the witness: ${text.replace(/\s+/g, ' ')}`, { cause: error });
}
