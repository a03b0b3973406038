// The `circom-groth16/v1` circuit package (../shared/protocols/practice-formats.md): a tar holding exactly
// manifest.json, circuit.wasm, circuit.zkey and verification_key.json. Reading checks all of it; writing is for
// the sandbox servers and the practice market.
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create as createTar } from 'tar';
import { z } from 'zod';
import { readTar, UnsafeArchiveError, type TarLimits } from '../net/safe-tar.js';

export const CIRCUIT_FORMAT = 'circom-groth16/v1';

const ManifestSchema = z.object({
  format: z.literal(CIRCUIT_FORMAT),
  name: z.string().min(1).max(200),
  wasm: z.literal('circuit.wasm'),
  zkey: z.literal('circuit.zkey'),
  vkey: z.literal('verification_key.json'),
  constraints: z.number().int().nonnegative(),
});
export type CircuitManifest = z.infer<typeof ManifestSchema>;

const ENTRIES = ['manifest.json', 'circuit.wasm', 'circuit.zkey', 'verification_key.json'] as const;

export interface CircuitPackage {
  manifest: CircuitManifest;
  wasm: Buffer;
  zkey: Buffer;
  /** verification_key.json as parsed JSON (checked to be an object with protocol "groth16"). */
  vkey: Record<string, unknown>;
}

export class CircuitPackageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CircuitPackageError';
  }
}

export async function readCircuitPackage(bytes: Uint8Array, maxBytes: number): Promise<CircuitPackage> {
  const limits: TarLimits = { maxEntries: 16, maxEntryBytes: maxBytes, maxTotalBytes: maxBytes };
  let files: Map<string, Buffer>;
  try {
    files = await readTar(bytes, limits, 'circuit package');
  } catch (error) {
    if (error instanceof UnsafeArchiveError) throw new CircuitPackageError(error.message);
    throw error;
  }
  const unexpected = [...files.keys()].filter((name) => !(ENTRIES as readonly string[]).includes(name));
  if (unexpected.length > 0) throw new CircuitPackageError(`circuit package: unexpected entries ${unexpected.map((n) => `"${n}"`).join(', ')}`);
  for (const name of ENTRIES) {
    if (!files.has(name)) throw new CircuitPackageError(`circuit package: ${name} is missing`);
  }
  const manifest = ManifestSchema.safeParse(parseJson(files.get('manifest.json')!, 'manifest.json'));
  if (!manifest.success) {
    throw new CircuitPackageError(`circuit package: manifest.json is not a ${CIRCUIT_FORMAT} manifest (${manifest.error.issues[0]?.path.join('.') || 'format'})`);
  }
  const vkey = parseJson(files.get('verification_key.json')!, 'verification_key.json');
  if (typeof vkey !== 'object' || vkey === null || (vkey as { protocol?: unknown }).protocol !== 'groth16') {
    throw new CircuitPackageError('circuit package: verification_key.json is not a Groth16 verification key');
  }
  return { manifest: manifest.data, wasm: files.get('circuit.wasm')!, zkey: files.get('circuit.zkey')!, vkey: vkey as Record<string, unknown> };
}

export interface CircuitPackageFiles {
  name: string;
  constraints: number;
  wasmPath: string;
  zkeyPath: string;
  vkeyPath: string;
}

export async function writeCircuitPackage(files: CircuitPackageFiles): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'proverdesk-package-'));
  try {
    const manifest: CircuitManifest = {
      format: CIRCUIT_FORMAT,
      name: files.name,
      wasm: 'circuit.wasm',
      zkey: 'circuit.zkey',
      vkey: 'verification_key.json',
      constraints: files.constraints,
    };
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
    await copyFile(files.wasmPath, join(dir, 'circuit.wasm'));
    await copyFile(files.zkeyPath, join(dir, 'circuit.zkey'));
    await copyFile(files.vkeyPath, join(dir, 'verification_key.json'));
    const chunks: Buffer[] = [];
    const stream = createTar({ cwd: dir, portable: true }, [...ENTRIES]);
    for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function parseJson(bytes: Buffer, name: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new CircuitPackageError(`circuit package: ${name} is not valid JSON`);
  }
}
