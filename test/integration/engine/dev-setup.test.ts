// `dev-setup`: an INSECURE test-only Groth16 key made by the native engine from a random secret. snarkjs must
// accept the key (its prover's proofs verify with the exported verification key) and so must our engine's.
// Needs the addon and the build (npm test has both).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as snarkjs from 'snarkjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDevKey } from '../../../src-main/core/engine/dev-key.js';
import { EngineHost, type DevSetupHandle } from '../../../src-main/core/engine/engine-host.js';
import { forkEngineProcess } from '../../../src-main/core/engine/fork-engine.js';
import type { DevSetupStage } from '../../../src-main/core/engine/native-addon.js';
import { releaseSnarkjsWorkers } from '../../../src-main/core/engine/snarkjs-workers.js';
import { verifyGroth16 } from '../../../src-main/core/engine/verify.js';
import { buildCircuit, type CircuitFixture } from '../../support/circuits.js';
import { engineFailure } from '../../support/engine-failure.js';

const runFile = promisify(execFile);
const BIN = join(process.cwd(), 'bin', 'proverdesk.js');
const scratch = mkdtempSync(join(tmpdir(), 'proverdesk-dev-setup-'));
const engine = new EngineHost(forkEngineProcess);
let multi: CircuitFixture;
let big: CircuitFixture;

async function proverdesk(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await runFile(process.execPath, [BIN, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

beforeAll(async () => {
  [multi, big] = await Promise.all([buildCircuit('multi-public'), buildCircuit('poseidon-chain-32k')]);
}, 600_000);

afterAll(async () => {
  engine.close();
  await releaseSnarkjsWorkers();
  rmSync(scratch, { recursive: true, force: true });
});

describe('dev-setup (INSECURE test-only keys)', () => {
  it('makes a key that snarkjs and the native engine both prove with, and the exported vkey checks', async () => {
    const zkeyPath = join(scratch, 'multi.zkey');
    const vkeyPath = join(scratch, 'multi.vkey.json');
    const stages: DevSetupStage[] = [];
    const summary = await makeDevKey(engine, { r1csPath: multi.r1cs, zkeyPath, vkeyPath, threads: 2 }, (stage) => {
      if (stages.at(-1) !== stage) stages.push(stage);
    }).result;
    expect(summary).toMatchObject({ nConstraints: multi.constraints, nPublic: multi.nPublic });
    expect(stages).toEqual(['lagrange', 'read-r1cs', 'points-ic', 'points-h', 'points-c', 'points-a', 'points-b1', 'points-b2']);
    expect(readFileSync(zkeyPath).includes('INSECURE dev-setup')).toBe(true);

    const vkey = readJson(vkeyPath);
    // The same fields `snarkjs zkey export verificationkey` writes, and not the fixture's ceremony key.
    expect(Object.keys(vkey).sort()).toEqual(Object.keys(readJson(multi.vkey)).sort());
    expect(vkey.vk_delta_2).not.toEqual(readJson(multi.vkey).vk_delta_2);

    const bySnarkjs = await snarkjs.groth16.prove(zkeyPath, multi.wtns);
    expect(await verifyGroth16(vkey, bySnarkjs.publicSignals, bySnarkjs.proof)).toBe(true);

    const witness = new Uint8Array(readFileSync(multi.wtns));
    const byEngine = await engine.prove({ zkeyPath, witness, threads: 2 }).result;
    expect(byEngine.publicSignals).toEqual(bySnarkjs.publicSignals);
    expect(await verifyGroth16(vkey, byEngine.publicSignals, byEngine.proof)).toBe(true);

    const tampered = [...byEngine.publicSignals];
    tampered[1] = (BigInt(tampered[1]!) + 1n).toString();
    expect(await verifyGroth16(vkey, tampered, byEngine.proof)).toBe(false);
    expect(await verifyGroth16(vkey, tampered, bySnarkjs.proof)).toBe(false);
    // A key from the real ceremony does not accept proofs made with the INSECURE one.
    expect(await verifyGroth16(readJson(multi.vkey), byEngine.publicSignals, byEngine.proof)).toBe(false);
  }, 120_000);

  it('draws a new secret every time', async () => {
    const keys = ['a', 'b'].map((name) => ({ zkeyPath: join(scratch, `${name}.zkey`), vkeyPath: join(scratch, `${name}.json`) }));
    for (const key of keys) await makeDevKey(engine, { r1csPath: multi.r1cs, threads: 1, ...key }).result;
    const [a, b] = keys.map((key) => readJson(key.vkeyPath));
    expect(a!.vk_alpha_1).not.toEqual(b!.vk_alpha_1);
    expect(a!.IC).not.toEqual(b!.IC);
  });

  it('rejects a truncated or garbage .r1cs with a clear error and leaves no key file', async () => {
    const r1cs = readFileSync(multi.r1cs);
    const cases: Array<[string, Uint8Array, RegExp]> = [
      ['truncated.r1cs', r1cs.subarray(0, r1cs.length - 100), /constraint system \(\.r1cs\).*truncated/],
      ['garbage.r1cs', new Uint8Array(4096).fill(7), /not a constraint system \(\.r1cs\) file/],
      ['empty.r1cs', new Uint8Array(0), /not a constraint system \(\.r1cs\) file/],
    ];
    for (const [name, bytes, message] of cases) {
      const r1csPath = join(scratch, name);
      writeFileSync(r1csPath, bytes);
      const zkeyPath = join(scratch, `${name}.zkey`);
      const error = await engineFailure(engine.devSetup({ r1csPath, zkeyPath, threads: 1 }).result);
      expect(error.code).toBe('bad-input');
      expect(error.message).toMatch(message);
      expect(existsSync(zkeyPath)).toBe(false);
    }
    const missing = await engineFailure(engine.devSetup({ r1csPath: join(scratch, 'none.r1cs'), zkeyPath: join(scratch, 'x.zkey'), threads: 1 }).result);
    expect(missing.message).toMatch(/cannot open the constraint system.*none\.r1cs/);
    const noDir = await engineFailure(engine.devSetup({ r1csPath: multi.r1cs, zkeyPath: join(scratch, 'no', 'dir.zkey'), threads: 1 }).result);
    expect(noDir.message).toMatch(/cannot create the proving key file/);
    expect(() => engine.devSetup({ r1csPath: multi.r1cs, zkeyPath: join(scratch, 'y.zkey'), threads: 0 })).toThrow(/at least 1/);
  });

  it('cancels promptly and leaves no partial key', async () => {
    const zkeyPath = join(scratch, 'cancelled.zkey');
    const handle: DevSetupHandle = engine.devSetup({ r1csPath: big.r1cs, zkeyPath, threads: 1 }, (stage) => {
      if (stage === 'points-h') handle.cancel();
    });
    const error = await engineFailure(handle.result);
    expect(error.code).toBe('cancelled');
    expect(readdirSync(scratch).filter((f) => f.startsWith('cancelled'))).toEqual([]);
  }, 60_000);

  it('runs from the command line, labelled INSECURE, and will not overwrite keys without --force', async () => {
    const help = await proverdesk(['--help']);
    expect(help.stdout).toMatch(/dev-setup +Make an INSECURE test-only Groth16 key/);
    const r1csPath = join(scratch, 'cli-circuit.r1cs');
    writeFileSync(r1csPath, readFileSync(multi.r1cs));
    const made = await proverdesk(['dev-setup', '--r1cs', r1csPath, '--threads', '1']);
    expect(made.code).toBe(0);
    expect(made.stderr).toMatch(/^INSECURE: this Groth16 key is for tests and benchmarks only/);
    expect(made.stderr).toMatch(/INSECURE dev-setup: points-b2/);
    const zkey = join(scratch, 'cli-circuit.INSECURE-dev.zkey');
    const vkey = join(scratch, 'cli-circuit.INSECURE-dev.vkey.json');
    expect(made.stdout).toContain(`INSECURE test-only proving key written to ${zkey}, its verification key to ${vkey}.`);

    const proof = join(scratch, 'cli-proof.json');
    const publicFile = join(scratch, 'cli-public.json');
    expect((await proverdesk(['prove', '--zkey', zkey, '--witness', multi.wtns, '--proof', proof, '--public', publicFile])).code).toBe(0);
    expect(await proverdesk(['verify', '--vkey', vkey, '--proof', proof, '--public', publicFile])).toMatchObject({ code: 0 });

    const again = await proverdesk(['dev-setup', '--r1cs', r1csPath]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/--zkey .*INSECURE-dev\.zkey already exists; pass --force/);
    expect((await proverdesk(['dev-setup', '--r1cs', r1csPath, '--force', '--threads', '1'])).code).toBe(0);
    expect((await proverdesk(['dev-setup'])).stderr).toMatch(/--r1cs is required/);
  }, 120_000);
});
