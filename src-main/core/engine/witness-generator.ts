// Checks that a wasm is a circom 2 witness generator and asks it the shape of its inputs, so a bad
// input gets a precise error before snarkjs's calculator runs.
import { WitnessError } from './witness-error.js';

// The part of the WebAssembly API used here: the project's TypeScript libs (ES2023, Node) lack it.
declare const WebAssembly: {
  compile(bytes: Uint8Array): Promise<CompiledWasm>;
  instantiate(module: CompiledWasm, imports: Record<string, Record<string, unknown>>): Promise<{ exports: object }>;
  Module: { exports(module: CompiledWasm): { name: string }[] };
};
/** A WebAssembly.Module, opaque here. */
type CompiledWasm = object;

/** Exports of every circom 2 witness generator that snarkjs's calculator calls. */
const REQUIRED_EXPORTS = [
  'getVersion',
  'getFieldNumLen32',
  'getRawPrime',
  'getWitnessSize',
  'getInputSize',
  'getInputSignalSize',
  'init',
  'setInputSignal',
  'getWitness',
  'readSharedRWMemory',
  'writeSharedRWMemory',
];

export interface WitnessGeneratorShape {
  /** Number of input values (array elements counted one by one) the circuit takes. */
  inputValueCount: number;
  /** Number of values of the input signal `name`; 0 when the circuit has no such input. */
  inputSignalSize(name: string): number;
}

export async function inspectWitnessGenerator(code: Uint8Array): Promise<WitnessGeneratorShape> {
  let module: CompiledWasm;
  try {
    module = await WebAssembly.compile(code);
  } catch (error) {
    throw new WitnessError('not-a-circuit', 'not a circom witness generator: the file is not a WebAssembly module', {
      cause: error,
    });
  }
  const exported = new Set(WebAssembly.Module.exports(module).map((entry) => entry.name));
  const missing = REQUIRED_EXPORTS.filter((name) => !exported.has(name));
  if (missing.length > 0) {
    throw new WitnessError(
      'not-a-circuit',
      `not a circom 2 witness generator: the WebAssembly module does not export ${missing.join(', ')}`,
    );
  }

  // Only the input table is read here, so the runtime callbacks (errors, logs) are never reached.
  const ignore = () => undefined;
  let instance: { exports: object };
  try {
    instance = await WebAssembly.instantiate(module, {
      runtime: { exceptionHandler: ignore, printErrorMessage: ignore, writeBufferMessage: ignore, showSharedRWMemory: ignore },
    });
  } catch (error) {
    throw new WitnessError('not-a-circuit', `not a circom 2 witness generator: ${(error as Error).message}`, { cause: error });
  }
  const exports = instance.exports as unknown as {
    getInputSize(): number;
    getInputSignalSize(hashHigh: number, hashLow: number): number;
  };
  return {
    inputValueCount: exports.getInputSize(),
    inputSignalSize(name) {
      const hash = signalNameHash(name);
      return Math.max(0, exports.getInputSignalSize(Number(hash >> 32n), Number(hash & 0xffff_ffffn)));
    },
  };
}

/** 64-bit FNV-1a over UTF-16 code units: how circom keys its input signals. */
function signalNameHash(name: string): bigint {
  let hash = 0xcbf2_9ce4_8422_2325n;
  for (let i = 0; i < name.length; i++) {
    hash ^= BigInt(name.charCodeAt(i));
    hash = (hash * 0x100_0000_01b3n) & 0xffff_ffff_ffff_ffffn;
  }
  return hash;
}
