// Builds the practice market's circuit packages (circom-groth16/v1, practice-formats.md) into dist/practice/:
// each circuit of src-main/core/practice/circuits compiled with circom2, keyed with the native engine's
// INSECURE dev-setup (practice proofs prove nothing and earn nothing, so no ceremony is needed), and its
// verification key exported by snarkjs. dist/practice/index.json lists them with a hash of everything they
// were made from, so a later build with the same sources costs nothing.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as snarkjs from 'snarkjs';
import { writeCircuitPackage } from '../src-main/core/engine/circuit-package.js';
import type { NativeAddon } from '../src-main/core/engine/native-addon.js';
import { PRACTICE_INDEX_FILE, type PracticeIndex } from '../src-main/core/practice/practice-packages.js';
import { PRACTICE_CIRCUITS } from '../src-main/core/practice/practice-circuits.js';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const SOURCES = join(REPO_ROOT, 'src-main/core/practice/circuits');
const NODE_MODULES = join(REPO_ROOT, 'node_modules');
const OUT = join(REPO_ROOT, 'dist/practice');
const RECIPE = 'practice-packages/1';
const run = promisify(execFile);

async function recipeHash(): Promise<string> {
  const hash = createHash('sha256').update(`${RECIPE}\n${JSON.stringify(PRACTICE_CIRCUITS.map((c) => [c.name, c.source]))}\n`);
  for (const tool of ['circom2', 'circomlib', 'snarkjs']) {
    const { version } = JSON.parse(await readFile(join(NODE_MODULES, tool, 'package.json'), 'utf8')) as { version: string };
    hash.update(`${tool}@${version}\n`);
  }
  for (const file of (await readdir(SOURCES)).sort()) hash.update(`${file}\n`).update(await readFile(join(SOURCES, file)));
  return hash.digest('hex');
}

async function upToDate(hash: string): Promise<boolean> {
  try {
    const index = JSON.parse(await readFile(join(OUT, PRACTICE_INDEX_FILE), 'utf8')) as PracticeIndex;
    return index.recipe === hash && index.circuits.every((c) => existsSync(join(OUT, c.file)));
  } catch {
    return false;
  }
}

async function buildOne(addon: NativeAddon, work: string, name: string, source: string): Promise<{ constraints: number; bytes: Buffer }> {
  const base = source.replace(/\.circom$/, '');
  try {
    await run(process.execPath, [join(NODE_MODULES, 'circom2/cli.js'), join(SOURCES, source), '--O2', '--r1cs', '--wasm', '-l', NODE_MODULES, '-o', work], { maxBuffer: 16 << 20 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`circom2 could not compile ${source}:\n${stderr ?? ''}${stdout ?? ''}`, { cause: error });
  }
  const r1cs = join(work, `${base}.r1cs`);
  const zkey = join(work, `${base}.zkey`);
  const vkey = join(work, `${base}.vkey.json`);
  const { nConstraints: constraints } = await addon.devSetup(r1cs, zkey, 2, () => undefined).promise;
  await writeFile(vkey, JSON.stringify(await snarkjs.zKey.exportVerificationKey(zkey)));
  const bytes = await writeCircuitPackage({ name, constraints, wasmPath: join(work, `${base}_js/${base}.wasm`), zkeyPath: zkey, vkeyPath: vkey });
  return { constraints, bytes };
}

async function main(): Promise<void> {
  const hash = await recipeHash();
  if (await upToDate(hash)) return;
  const addon = createRequire(import.meta.url)('../native/build/Release/proverdesk_engine.node') as NativeAddon;
  const work = await mkdtemp(join(tmpdir(), 'proverdesk-practice-'));
  const staging = `${OUT}.tmp-${process.pid}`;
  try {
    await mkdir(staging, { recursive: true });
    const index: PracticeIndex = { recipe: hash, circuits: [] };
    for (const circuit of PRACTICE_CIRCUITS) {
      const started = Date.now();
      const built = await buildOne(addon, work, circuit.name, circuit.source);
      const file = `${circuit.name}.tar`;
      await writeFile(join(staging, file), built.bytes);
      index.circuits.push({ name: circuit.name, file, constraints: built.constraints, sha256: createHash('sha256').update(built.bytes).digest('hex') });
      console.log(`practice circuit ${circuit.name}: ${built.constraints} constraints (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
    await writeFile(join(staging, PRACTICE_INDEX_FILE), `${JSON.stringify(index, null, 1)}\n`);
    await rm(OUT, { recursive: true, force: true });
    await rename(staging, OUT);
  } finally {
    await rm(work, { recursive: true, force: true });
    await rm(staging, { recursive: true, force: true });
  }
}

await main();
// snarkjs leaves worker threads alive; the build is done.
process.exit(0);
