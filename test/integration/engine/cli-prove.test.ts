// `proverdesk prove`, `verify` and `devices` as a user runs them (a real process from the build).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCircuit, type CircuitFixture } from '../../support/circuits.js';
import { emulatedGpuEnvironment } from '../../support/gpu-emulation.js';

const run = promisify(execFile);
const BIN = join(process.cwd(), 'bin', 'proverdesk.js');
const out = mkdtempSync(join(tmpdir(), 'proverdesk-cli-prove-'));
let multi: CircuitFixture;

async function proverdesk(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  multi = await buildCircuit('multi-public');
}, 300_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('proverdesk prove / verify / devices', () => {
  it('proves from the circuit wasm and an input file, and the proof verifies', async () => {
    const inputFile = join(out, 'input.json');
    writeFileSync(inputFile, JSON.stringify(multi.input));
    const proof = join(out, 'proof.json');
    const publicFile = join(out, 'public.json');
    const proved = await proverdesk([
      'prove', '--zkey', multi.zkey, '--wasm', multi.wasm, '--input', inputFile,
      '--proof', proof, '--public', publicFile, '--threads', '1',
    ]);
    expect(proved.code).toBe(0);
    expect(proved.stdout).toMatch(/msm-h\s+[\d.]+ ms/);
    expect(proved.stderr).toMatch(/proving: msm-a/);
    expect(JSON.parse(readFileSync(proof, 'utf8'))).toMatchObject({ protocol: 'groth16', curve: 'bn128' });

    const verified = await proverdesk(['verify', '--vkey', multi.vkey, '--proof', proof, '--public', publicFile]);
    expect(verified).toMatchObject({ code: 0, stdout: 'OK: the proof is valid.\n' });

    const signals = JSON.parse(readFileSync(publicFile, 'utf8')) as string[];
    signals[1] = '12345';
    writeFileSync(publicFile, JSON.stringify(signals));
    const tampered = await proverdesk(['verify', '--vkey', multi.vkey, '--proof', proof, '--public', publicFile]);
    expect(tampered).toMatchObject({ code: 1, stdout: 'INVALID: the proof does not verify.\n' });
  });

  it('proves from a .wtns file', async () => {
    const proof = join(out, 'proof-w.json');
    const publicFile = join(out, 'public-w.json');
    const proved = await proverdesk(['prove', '--zkey', multi.zkey, '--witness', multi.wtns, '--proof', proof, '--public', publicFile]);
    expect(proved.code).toBe(0);
    const verified = await proverdesk(['verify', '--vkey', multi.vkey, '--proof', proof, '--public', publicFile]);
    expect(verified.code).toBe(0);
  });

  it('says what is missing or wrong', async () => {
    const noWitness = await proverdesk(['prove', '--zkey', multi.zkey, '--proof', 'p', '--public', 's']);
    expect(noWitness.code).toBe(2);
    expect(noWitness.stderr).toMatch(/either --witness FILE, or both --wasm FILE and --input FILE/);
    const badKey = await proverdesk(['prove', '--zkey', multi.wasm, '--witness', multi.wtns, '--proof', join(out, 'x'), '--public', join(out, 'y')]);
    expect(badKey.code).toBe(1);
    expect(badKey.stderr).toMatch(/^proverdesk prove: .*zkey/im);
    const noFile = await proverdesk(['verify', '--vkey', join(out, 'none.json'), '--proof', 'p', '--public', 's']);
    expect(noFile.code).toBe(1);
    expect(noFile.stderr).toMatch(/none\.json/);
  });

  it('lists the CPU with its features, and what became of the GPUs', async () => {
    const listed = await proverdesk(['devices'], { PROVERDESK_CUDA_DRIVER: '/nonexistent/libcuda.so.1' });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^cpu {5}.+\(\d+ threads/);
    expect(listed.stdout).toMatch(/^GPUs: no NVIDIA driver found/m);
  });

  it('lists each GPU with its state, and why one cannot be used', async () => {
    const env = emulatedGpuEnvironment({ gpus: 'NVIDIA L4|24152899584|8.9;NVIDIA GeForce GTX 1080|8589934592|6.1', claimCudaBuild: true });
    const listed = await proverdesk(['devices'], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('cuda:0  ready           GPU 0 (NVIDIA L4): ready, 22.5 GiB, compute capability 8.9\n');
    expect(listed.stdout).toContain('cuda:1  unsupported     GPU 1 (NVIDIA GeForce GTX 1080): compute capability 6.1 is older than this build supports (7.5)\n');
    expect(listed.stdout).toContain('GPUs: 1 of 2 GPUs ready (2 GPUs on a driver for CUDA 13.0)\n');
  });
});
