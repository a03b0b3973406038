// The native engine as the app runs it: in its own process (EngineHost + forked engine-process), proving
// circom circuits whose proofs snarkjs must accept. Needs the addon and the build (npm test has both).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineHost, type ProveHandle } from '../../../src-main/core/engine/engine-host.js';
import { forkEngineProcess } from '../../../src-main/core/engine/fork-engine.js';
import type { EnginePhase } from '../../../src-main/core/engine/native-addon.js';
import { releaseSnarkjsWorkers } from '../../../src-main/core/engine/snarkjs-workers.js';
import { verifyGroth16 } from '../../../src-main/core/engine/verify.js';
import { BLS12_381_R, wtnsWithPrime, zkeyWithPrime } from '../../support/circuit-files.js';
import { buildCircuit, invalidWitnessFor, type CircuitFixture } from '../../support/circuits.js';
import { engineFailure } from '../../support/engine-failure.js';

const scratch = mkdtempSync(join(tmpdir(), 'proverdesk-engine-'));
const engine = new EngineHost(forkEngineProcess);
let merkle: CircuitFixture;
let multi: CircuitFixture;
let poseidon: CircuitFixture;

const witnessOf = (fixture: CircuitFixture) => new Uint8Array(readFileSync(fixture.wtns));
const vkeyOf = (fixture: CircuitFixture) => JSON.parse(readFileSync(fixture.vkey, 'utf8')) as object;

async function expectEngineError(promise: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  const error = await engineFailure(promise);
  expect(error.code).toBe(code);
  expect(error.message).toMatch(message);
}

/** CPU time (clock ticks) used so far by each thread of a process. */
function threadTicks(pid: number): Map<string, number> {
  const ticks = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(tid, Number(fields[11]) + Number(fields[12])); // utime + stime
    } catch {
      // the thread ended between listing and reading
    }
  }
  return ticks;
}

beforeAll(async () => {
  [merkle, multi, poseidon] = await Promise.all([
    buildCircuit('merkle-inclusion'),
    buildCircuit('multi-public'),
    buildCircuit('poseidon-chain-small'),
  ]);
}, 600_000);

afterAll(async () => {
  engine.close();
  await releaseSnarkjsWorkers();
  rmSync(scratch, { recursive: true, force: true });
});

describe('native engine proofs', () => {
  for (const name of ['merkle', 'multi', 'poseidon'] as const) {
    it(`proves ${name} so that snarkjs verifies it, and rejects a tampered public signal`, async () => {
      const fixture = { merkle, multi, poseidon }[name];
      const phases = new Set<EnginePhase>();
      const { proof, publicSignals, stats } = await engine.prove(
        { zkeyPath: fixture.zkey, witness: witnessOf(fixture), threads: 2 },
        (phase) => phases.add(phase),
      ).result;
      expect(proof.protocol).toBe('groth16');
      expect(proof.curve).toBe('bn128');
      expect(publicSignals).toHaveLength(fixture.nPublic);
      expect(await verifyGroth16(vkeyOf(fixture), publicSignals, proof)).toBe(true);

      const tampered = [...publicSignals];
      tampered[0] = (BigInt(tampered[0]!) + 1n).toString();
      expect(await verifyGroth16(vkeyOf(fixture), tampered, proof)).toBe(false);
      expect([...phases]).toEqual(expect.arrayContaining(['msm-a', 'msm-b2', 'msm-h']));
      expect(stats.totalMs).toBeGreaterThan(0);
    });
  }

  it('makes a fresh proof each time (random r and s) and reuses the parsed key', async () => {
    const first = await engine.prove({ zkeyPath: multi.zkey, witness: witnessOf(multi), threads: 1 }).result;
    const second = await engine.prove({ zkeyPath: multi.zkey, witness: witnessOf(multi), threads: 1 }).result;
    expect(second.proof.pi_a).not.toEqual(first.proof.pi_a);
    expect(second.stats.keyCached).toBe(true);
    expect(await verifyGroth16(vkeyOf(multi), second.publicSignals, second.proof)).toBe(true);
  });

  it('gives a proof that does not verify for a witness that does not satisfy the circuit', async () => {
    const bad = await invalidWitnessFor(merkle);
    const { proof, publicSignals } = await engine.prove({ zkeyPath: merkle.zkey, witness: bad, threads: 2 }).result;
    expect(await verifyGroth16(vkeyOf(merkle), publicSignals, proof)).toBe(false);
  });

  it('estimates the memory a proof needs', async () => {
    const small = await engine.estimateMemory(multi.zkey, 1);
    const big = await engine.estimateMemory(poseidon.zkey, 1);
    expect(small).toBeGreaterThan(0);
    expect(big).toBeGreaterThan(small);
  });

  it('lists the CPU among its devices', async () => {
    const devices = await engine.devices();
    const cpu = devices[0];
    expect(cpu?.kind).toBe('cpu');
    expect(cpu?.kind === 'cpu' && cpu.cores).toBeGreaterThan(0);
  });
});

describe('native engine on bad input', () => {
  const write = (name: string, bytes: Uint8Array) => {
    const file = join(scratch, name);
    writeFileSync(file, bytes);
    return file;
  };

  it('explains truncated, corrupted and wrong-curve keys, and keeps running', async () => {
    const zkey = readFileSync(merkle.zkey);
    const witness = witnessOf(merkle);
    const cases: Array<[string, Uint8Array, RegExp]> = [
      ['truncated.zkey', zkey.subarray(0, Math.floor(zkey.length / 2)), /truncated|too short|ends/i],
      ['random.zkey', randomBytes(4096), /not a zkey|magic|zkey/i],
      ['bls.zkey', zkeyWithPrime(zkey, 'r', BLS12_381_R), /BN254|curve/i],
    ];
    for (const [name, bytes, message] of cases) {
      await expectEngineError(engine.prove({ zkeyPath: write(name, bytes), witness, threads: 1 }).result, 'bad-input', message);
    }
    await expectEngineError(
      engine.prove({ zkeyPath: join(scratch, 'missing.zkey'), witness, threads: 1 }).result,
      'bad-input',
      /missing\.zkey/,
    );
    const after = await engine.prove({ zkeyPath: merkle.zkey, witness, threads: 1 }).result;
    expect(await verifyGroth16(vkeyOf(merkle), after.publicSignals, after.proof)).toBe(true);
  });

  it('explains truncated and wrong-field witnesses, and a witness for another circuit', async () => {
    const witness = witnessOf(merkle);
    await expectEngineError(
      engine.prove({ zkeyPath: merkle.zkey, witness: witness.subarray(0, witness.length - 40), threads: 1 }).result,
      'bad-input',
      /truncated|too short|ends/i,
    );
    await expectEngineError(
      engine.prove({ zkeyPath: merkle.zkey, witness: wtnsWithPrime(witness, BLS12_381_R), threads: 1 }).result,
      'bad-input',
      /prime|field|BN254/i,
    );
    await expectEngineError(
      engine.prove({ zkeyPath: merkle.zkey, witness: witnessOf(multi), threads: 1 }).result,
      'bad-input',
      /another circuit/,
    );
  });

  it('refuses a zero thread count', () => {
    expect(() => engine.prove({ zkeyPath: merkle.zkey, witness: witnessOf(merkle), threads: 0 })).toThrow(
      /threads must be a whole number of at least 1/,
    );
  });
});

describe('native engine control', () => {
  it('stops a running proof on cancel with a "cancelled" error', async () => {
    let handle!: ProveHandle;
    const inMsm = new Promise<void>((resolve) => {
      handle = engine.prove({ zkeyPath: poseidon.zkey, witness: witnessOf(poseidon), threads: 1 }, (phase) => {
        if (phase.startsWith('msm')) resolve();
      });
    });
    await inMsm;
    handle.cancel();
    await expectEngineError(handle.result, 'cancelled', /cancelled/);
  });

  it('cancels a paused proof', async () => {
    const handle = engine.prove({ zkeyPath: poseidon.zkey, witness: witnessOf(poseidon), threads: 2 });
    handle.pause();
    await new Promise((resolve) => setTimeout(resolve, 100));
    handle.cancel();
    await expectEngineError(handle.result, 'cancelled', /cancelled/);
  });

  it('completes a valid proof after pause and resume, with one busy worker thread at threads: 1', async () => {
    const handle = engine.prove({ zkeyPath: poseidon.zkey, witness: witnessOf(poseidon), threads: 1 });
    handle.pause();
    const pid = engine.enginePid!;
    // Per thread, the CPU ticks seen first and last while the proof runs.
    const first = new Map<string, number>();
    const last = new Map<string, number>();
    const watch = setInterval(() => {
      for (const [tid, ticks] of threadTicks(pid)) {
        if (!first.has(tid)) first.set(tid, ticks);
        last.set(tid, ticks);
      }
    }, 5);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const resumedAt = Date.now();
    handle.resume();
    const { proof, publicSignals } = await handle.result;
    const elapsedTicks = ((Date.now() - resumedAt) / 1000) * 100; // Linux counts 100 ticks a second
    clearInterval(watch);
    expect(await verifyGroth16(vkeyOf(poseidon), publicSignals, proof)).toBe(true);
    const busy = [...last].filter(([tid, ticks]) => ticks - (first.get(tid) ?? ticks) > 0.3 * elapsedTicks);
    expect(busy.length).toBeLessThanOrEqual(1);
  });

  it('reports a crash of the engine process and starts a new one for the next proof', async () => {
    const handle = engine.prove({ zkeyPath: poseidon.zkey, witness: witnessOf(poseidon), threads: 1 });
    handle.pause();
    await new Promise((resolve) => setTimeout(resolve, 50));
    process.kill(engine.enginePid!, 'SIGSEGV');
    await expectEngineError(handle.result, 'crashed', /engine crashed: signal SIGSEGV/);
    const next = await engine.prove({ zkeyPath: multi.zkey, witness: witnessOf(multi), threads: 1 }).result;
    expect(await verifyGroth16(vkeyOf(multi), next.publicSignals, next.proof)).toBe(true);
  });

  it('kills the engine process on a hard cancel', async () => {
    const handle = engine.prove({ zkeyPath: poseidon.zkey, witness: witnessOf(poseidon), threads: 1 });
    handle.pause();
    handle.kill();
    await expectEngineError(handle.result, 'cancelled', /engine process was stopped/);
  });
});
