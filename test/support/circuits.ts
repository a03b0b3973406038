// Builds the circom circuits of test/fixtures/circuits for tests and benchmarks: compiled with circom2,
// an (insecure, test-only) Groth16 key from the shared powers of tau, its verification key, an input
// and its witness. Everything is cached in .cache/circuits/<name>-<hash>/, keyed by the circuit
// sources, the input and the tool versions, so a second build costs a file read.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as snarkjs from 'snarkjs';
import type { SnarkjsLogger } from 'snarkjs';
import { merkleInclusionInput, multiPublicInput, poseidonChainInput } from '../fixtures/circuits/inputs.js';
import { readR1csHeader, wireOnlyInC, wtnsWithValue, readWitnessValue } from './circuit-files.js';

export type CircuitName = 'poseidon-chain-small' | 'poseidon-chain-32k' | 'merkle-inclusion' | 'multi-public';

export interface CircuitFixture {
  name: CircuitName;
  dir: string;
  r1cs: string;
  /** circom's witness generator. */
  wasm: string;
  zkey: string;
  /** verification_key.json */
  vkey: string;
  input: Record<string, unknown>;
  /** A witness for `input`, computed by circom's own generate_witness.js (not by ProverDesk's code). */
  wtns: string;
  constraints: number;
  /** Public signals: outputs, then public inputs. */
  nPublic: number;
}

const CIRCUITS: Record<CircuitName, { source: string; input: () => Record<string, unknown> }> = {
  'poseidon-chain-small': { source: 'poseidon-chain-small.circom', input: poseidonChainInput },
  'poseidon-chain-32k': { source: 'poseidon-chain-32k.circom', input: poseidonChainInput },
  'merkle-inclusion': { source: 'merkle-inclusion.circom', input: merkleInclusionInput },
  'multi-public': { source: 'multi-public.circom', input: multiPublicInput },
};

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SOURCES_DIR = join(REPO_ROOT, 'test/fixtures/circuits');
const NODE_MODULES = join(REPO_ROOT, 'node_modules');
/** The shared test ptau files (see ../shared/fixtures/README.md); PROVERDESK_PTAU_DIR points elsewhere. */
const PTAU_DIR = process.env.PROVERDESK_PTAU_DIR ?? join(REPO_ROOT, '../shared/fixtures/ptau');
/** A ptau lock older than this was left by a worker that died (making 2^13 takes a few minutes). */
const PTAU_LOCK_STALE_MS = 20 * 60_000;
/** The fixture ptau files, smallest first. */
const PTAU_POWERS = [12, 14, 16];
/** --O2 removes linear constraints: the Poseidon circuits are half the size they are at circom's default --O1. */
const CIRCOM_FLAGS = ['--O2', '--r1cs', '--wasm'];
/** A fixed beacon makes the key's delta a non-trivial, reproducible value (newZKey alone leaves delta = 1). */
const BEACON_HASH = '0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20';
/** Bump when the build steps change in a way the hash inputs below do not show. */
const RECIPE = 'circuit-fixture/1';

const run = promisify(execFile);

export async function buildCircuit(name: CircuitName, options: { cacheRoot?: string } = {}): Promise<CircuitFixture> {
  const circuit = CIRCUITS[name];
  const input = circuit.input();
  const cacheRoot = options.cacheRoot ?? join(REPO_ROOT, '.cache/circuits');
  const dir = join(cacheRoot, `${name}-${await cacheKey(circuit.source, input)}`);

  if (!existsSync(join(dir, 'fixture.json'))) {
    await mkdir(cacheRoot, { recursive: true });
    const staging = join(cacheRoot, `.tmp-${name}-${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      await buildInto(staging, name, circuit.source, input);
      await publish(staging, dir);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
  return loadFixture(dir);
}

/**
 * A witness for the fixture's circuit whose values do not satisfy it: one private wire changed by 1,
 * chosen so that a constraint certainly breaks.
 */
export async function invalidWitnessFor(fixture: CircuitFixture): Promise<Uint8Array> {
  const [r1cs, wtns] = await Promise.all([readFile(fixture.r1cs), readFile(fixture.wtns)]);
  const wire = wireOnlyInC(r1cs);
  return wtnsWithValue(wtns, wire, readWitnessValue(wtns, wire) + 1n);
}

/** A logger for snarkjs that keeps its warnings and errors (it reports some failures only there). */
export function collectingLogger(): SnarkjsLogger & { problems: string[] } {
  const problems: string[] = [];
  const ignore = () => undefined;
  return {
    problems,
    debug: ignore,
    info: ignore,
    warn: (message) => problems.push(message),
    error: (message) => problems.push(message),
  };
}

async function cacheKey(source: string, input: Record<string, unknown>): Promise<string> {
  const hash = createHash('sha256').update(`${RECIPE}\n${source}\n${CIRCOM_FLAGS.join(' ')}\n${JSON.stringify(input)}\n`);
  for (const tool of ['snarkjs', 'circom2', 'circomlib']) {
    const { version } = JSON.parse(await readFile(join(NODE_MODULES, tool, 'package.json'), 'utf8')) as { version: string };
    hash.update(`${tool}@${version}\n`);
  }
  // Every local source, since a main file includes the templates beside it.
  for (const file of (await readdir(SOURCES_DIR)).filter((f) => f.endsWith('.circom')).sort()) {
    hash.update(`${file}\n`).update(await readFile(join(SOURCES_DIR, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

async function buildInto(dir: string, name: CircuitName, source: string, input: Record<string, unknown>): Promise<void> {
  await mkdir(dir);
  const file = (entry: string) => join(dir, entry);
  const base = source.replace(/\.circom$/, '');

  try {
    await run(process.execPath, [join(NODE_MODULES, 'circom2/cli.js'), join(SOURCES_DIR, source), ...CIRCOM_FLAGS, '-l', NODE_MODULES, '-o', dir], {
      cwd: REPO_ROOT,
      maxBuffer: 16 << 20,
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`circom2 could not compile ${source}:\n${stderr ?? ''}${stdout ?? ''}`, { cause: error });
  }
  // circom writes <base>.r1cs and <base>_js/<base>.wasm; the package format names them circuit.*.
  await rename(file(`${base}.r1cs`), file('circuit.r1cs'));
  await rename(file(`${base}_js/${base}.wasm`), file('circuit.wasm'));

  const header = readR1csHeader(await readFile(file('circuit.r1cs')));
  const nPublic = header.publicOutputs + header.publicInputs;
  const ptau = await ptauFor(header.constraints + nPublic);

  const logger = collectingLogger();
  if ((await snarkjs.zKey.newZKey(file('circuit.r1cs'), ptau, file('circuit-0.zkey'), logger)) === -1) {
    throw new Error(`snarkjs could not make a key for ${name}: ${logger.problems.join('; ')}`);
  }
  const beacon = 'ProverDesk test fixture (INSECURE: fixed beacon)';
  if ((await snarkjs.zKey.beacon(file('circuit-0.zkey'), file('circuit.zkey'), beacon, BEACON_HASH, 10, logger)) === false) {
    throw new Error(`snarkjs could not apply the beacon to ${name}'s key: ${logger.problems.join('; ')}`);
  }
  await rm(file('circuit-0.zkey'));
  const vkey = await snarkjs.zKey.exportVerificationKey(file('circuit.zkey'));
  await writeFile(file('verification_key.json'), `${JSON.stringify(vkey, null, 1)}\n`);

  // The witness comes from the generate_witness.js circom emits beside the wasm, so that tests can
  // hold ProverDesk's computeWitness against an independent calculator. It is CommonJS.
  await writeFile(file('input.json'), JSON.stringify(input));
  await writeFile(file(`${base}_js/package.json`), '{"type":"commonjs"}\n');
  await run(process.execPath, [file(`${base}_js/generate_witness.js`), file('circuit.wasm'), file('input.json'), file('witness.wtns')]);
  if (!existsSync(file('witness.wtns'))) throw new Error(`circom's generate_witness.js wrote no witness for ${name}`);
  await rm(file(`${base}_js`), { recursive: true });

  const manifest = { name, constraints: header.constraints, nPublic, ptau, input };
  await writeFile(file('fixture.json'), `${JSON.stringify(manifest, null, 1)}\n`);
}

/** snarkjs needs a ptau of 2^power ≥ 2 × its domain, the power of two above constraints + public signals. */
async function ptauFor(rows: number): Promise<string> {
  const needed = Math.floor(Math.log2(rows)) + 2;
  const power = PTAU_POWERS.find((p) => needed <= p);
  if (power !== undefined && existsSync(join(PTAU_DIR, `pot${power}.ptau`))) return join(PTAU_DIR, `pot${power}.ptau`);
  return generatedPtau(needed);
}

/**
 * Where the shared fixture files are not beside this checkout, a ptau is made here once (a few minutes at
 * 2^13): one local contribution, as INSECURE as the fixture files and only for tests.
 */
async function generatedPtau(power: number): Promise<string> {
  const dir = join(REPO_ROOT, '.cache', 'ptau');
  const target = join(dir, `pot${power}-insecure-test.ptau`);
  if (existsSync(target)) return target;
  await mkdir(dir, { recursive: true });
  // One test worker makes it; the others wait for it rather than spend minutes making the same file.
  const lock = `${target}.lock`;
  while (!(await mkdir(lock).then(() => true, () => false))) {
    if (existsSync(target)) return target;
    const age = Date.now() - (await stat(lock).then((s) => s.mtimeMs, () => Date.now()));
    if (age > PTAU_LOCK_STALE_MS) await rm(lock, { recursive: true, force: true }); // its maker died
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  try {
    if (existsSync(target)) return target;
    await makePtau(dir, target, power);
    return target;
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

async function makePtau(dir: string, target: string, power: number): Promise<void> {
  const staging = join(dir, `.tmp-${process.pid}-${power}`);
  const curve = await snarkjs.curves.getCurveFromName('bn128');
  const logger = collectingLogger();
  await snarkjs.powersOfTau.newAccumulator(curve, power, `${staging}-0`, logger);
  await snarkjs.powersOfTau.contribute(`${staging}-0`, `${staging}-1`, 'ProverDesk tests', 'fixed test entropy', logger);
  await snarkjs.powersOfTau.preparePhase2(`${staging}-1`, staging, logger);
  await rm(`${staging}-0`);
  await rm(`${staging}-1`);
  await rename(staging, target); // atomic: a concurrent builder either sees the whole file or none
}

/** Moves a finished build into place in one rename; if another worker got there first, its build stays. */
async function publish(staging: string, dir: string): Promise<void> {
  try {
    await rename(staging, dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if ((code !== 'ENOTEMPTY' && code !== 'EEXIST') || !existsSync(join(dir, 'fixture.json'))) throw error;
  }
}

async function loadFixture(dir: string): Promise<CircuitFixture> {
  const { name, constraints, nPublic, input } = JSON.parse(await readFile(join(dir, 'fixture.json'), 'utf8')) as CircuitFixture;
  return {
    name,
    dir,
    r1cs: join(dir, 'circuit.r1cs'),
    wasm: join(dir, 'circuit.wasm'),
    zkey: join(dir, 'circuit.zkey'),
    vkey: join(dir, 'verification_key.json'),
    input,
    wtns: join(dir, 'witness.wtns'),
    constraints,
    nPublic,
  };
}
