// The loop driven from the command line, as a scripted shop would: add a batch-API coordinator, run
// `start --once`, read `jobs --json`; and kill -9 of the app while proving and while submitting, then a
// restart: every job ends exactly once in the right state and the server records each batch's proof once.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBatchApiSandbox, type BatchApiSandbox } from '../../../src-main/core/coordinators/batch-api/sandbox-server.js';
import { releaseSnarkjsWorkers } from '../../../src-main/core/engine/snarkjs-workers.js';
import { openStore } from '../../../src-main/core/store/open-store.js';
import { sandboxCircuit } from '../../support/sandbox-circuits.js';
import { poseidonChainInput } from '../../fixtures/circuits/inputs.js';

const BIN = join(process.cwd(), 'bin', 'proverdesk.js');
const scratch = mkdtempSync(join(tmpdir(), 'proverdesk-cli-loop-'));
const env = { ...process.env, PROVERDESK_KEYCHAIN_SERVICE: `ProverDeskTest-${randomBytes(4).toString('hex')}` };
let sandbox: BatchApiSandbox;

interface Result {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], onSpawn?: (pid: number) => void): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('spawn', () => onSpawn?.(child.pid!));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Runs `start --once` and kills it with SIGKILL as soon as its job reaches `state` (and `extra` holds). */
async function killWhen(dataDir: string, state: string, extra: (jobId: string, store: ReturnType<typeof openStore>) => boolean = () => true): Promise<void> {
  let pid = 0;
  const running = cli(['start', '--once', '--no-practice', '--data-dir', dataDir], (p) => (pid = p));
  const store = await (async () => {
    for (;;) {
      try {
        return openStore(join(dataDir, 'proverdesk.db'));
      } catch {
        await sleep(20);
      }
    }
  })();
  try {
    for (let i = 0; i < 3000; i++) {
      const job = store.jobs.list({ limit: 10 }).find((j) => j.state === state);
      if (job && extra(job.id, store)) {
        process.kill(pid, 'SIGKILL');
        break;
      }
      await sleep(5);
    }
  } finally {
    store.close();
  }
  const result = await running;
  expect(result.signal).toBe('SIGKILL');
}

beforeAll(async () => {
  const small = await sandboxCircuit('poseidon-chain-small');
  const big = await sandboxCircuit('poseidon-chain-32k');
  const input = (salt: number) => ({ ...poseidonChainInput(), salt: String(salt) });
  sandbox = await startBatchApiSandbox({
    participants: [
      { id: 'shop-1', batches: [{ circuit: small, input: input(1) }, { circuit: small, input: input(2) }] },
      { id: 'kill-proving', batches: [{ circuit: big, input: input(3) }] },
      { id: 'kill-submitting', batches: [{ circuit: small, input: input(4) }] },
    ],
  });
}, 600_000);

afterAll(async () => {
  await sandbox?.close();
  await releaseSnarkjsWorkers();
  rmSync(scratch, { recursive: true, force: true });
});

describe('scripted loop', () => {
  it('adds a coordinator, proves every batch with start --once and lists the jobs', { timeout: 120_000 }, async () => {
    const dataDir = join(scratch, 'shop');
    const added = await cli(['coordinator', 'add', 'batch-api', '--name', 'Sandbox', '--url', sandbox.url, '--participant', 'shop-1', '--data-dir', dataDir]);
    expect(added.code).toBe(0);
    const listed = await cli(['coordinator', 'list', '--json', '--data-dir', dataDir]);
    expect(JSON.parse(listed.stdout)).toEqual([{ name: 'Sandbox', kind: 'batch-api', url: sandbox.url, enabled: true, pausedReason: null }]);
    expect(listed.stdout + added.stdout).not.toContain('shop-1'); // the participant ID stays in the keychain

    const once = await cli(['start', '--once', '--no-practice', '--data-dir', dataDir]);
    expect(once.code).toBe(0);
    expect(once.stdout).toBe('done: 2 accepted\n');
    const jobs = JSON.parse((await cli(['jobs', '--json', '--data-dir', dataDir])).stdout) as { state: string; coordinator: string }[];
    expect(jobs.map((j) => [j.state, j.coordinator])).toEqual([['accepted', 'Sandbox'], ['accepted', 'Sandbox']]);
    expect(sandbox.submissions().filter((s) => s.participantId === 'shop-1')).toHaveLength(2);

    const again = await cli(['coordinator', 'add', 'batch-api', '--name', 'Sandbox', '--url', sandbox.url, '--participant', 'x', '--data-dir', dataDir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/a coordinator named 'Sandbox' already exists/);
  });

  it('after kill -9 while proving, proves the batch again and submits it once', { timeout: 180_000 }, async () => {
    const dataDir = join(scratch, 'kill-proving');
    expect((await cli(['coordinator', 'add', 'batch-api', '--name', 'K', '--url', sandbox.url, '--participant', 'kill-proving', '--data-dir', dataDir])).code).toBe(0);
    await killWhen(dataDir, 'proving');
    const restarted = await cli(['start', '--once', '--no-practice', '--data-dir', dataDir]);
    expect(restarted.stdout).toBe('done: 1 accepted\n');
    const store = openStore(join(dataDir, 'proverdesk.db'));
    try {
      const [job] = store.jobs.list({ limit: 10 });
      expect(job?.state).toBe('accepted');
      expect(store.jobEvents.listForJob(job!.id).map((e) => e.kind)).toContain('recovered');
    } finally {
      store.close();
    }
    expect(sandbox.submissions().filter((s) => s.participantId === 'kill-proving')).toHaveLength(1);
  });

  it('after kill -9 while submitting, submits the saved proof without proving again', { timeout: 180_000 }, async () => {
    const dataDir = join(scratch, 'kill-submitting');
    expect((await cli(['coordinator', 'add', 'batch-api', '--name', 'S', '--url', sandbox.url, '--participant', 'kill-submitting', '--data-dir', dataDir])).code).toBe(0);
    sandbox.injectFault({ on: 'submit_proof', kind: 'hang' }); // the first submission never gets an answer
    // Killed once the server holds the submission it never answers.
    await killWhen(dataDir, 'submitting', () => sandbox.pendingFaults() === 0);
    const restarted = await cli(['start', '--once', '--no-practice', '--data-dir', dataDir]);
    expect(restarted.stdout).toBe('done: 1 accepted\n');
    const store = openStore(join(dataDir, 'proverdesk.db'));
    try {
      const [job] = store.jobs.list({ limit: 10 });
      const kinds = store.jobEvents.listForJob(job!.id).map((e) => e.kind);
      expect(kinds.filter((k) => k === 'proving')).toHaveLength(1); // proven once, before the kill
      expect(kinds.slice(kinds.indexOf('recovered'))).toEqual(['recovered', 'submit-attempt', 'accepted']);
      expect(store.earnings.list({ sinceMs: 0, untilMs: Date.now() + 1 }).filter((e) => e.jobId === job!.id)).toHaveLength(1);
    } finally {
      store.close();
    }
    expect(sandbox.submissions().filter((s) => s.participantId === 'kill-submitting')).toHaveLength(1);
  });
});
