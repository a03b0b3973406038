// The built-in practice market: a fresh data folder gets practice work at once and proves it (start --once),
// `--no-practice` and the practice.enabled setting keep it off, an outstanding practice batch survives a
// restart of the app, `proverdesk calibrate` measures with the practice circuits, and `proverdesk sandbox
// batch-api|donation` serve practice work to any client.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { BatchApiClient } from '../../../src-main/core/coordinators/batch-api/client.js';
import { readCircuitPackage } from '../../../src-main/core/engine/circuit-package.js';
import { EngineHost } from '../../../src-main/core/engine/engine-host.js';
import { forkEngineProcess } from '../../../src-main/core/engine/fork-engine.js';
import { encodeProofResult } from '../../../src-main/core/engine/proof-result.js';
import { releaseSnarkjsWorkers } from '../../../src-main/core/engine/snarkjs-workers.js';
import { computeWitness } from '../../../src-main/core/engine/witness.js';
import { CALIBRATION_SETTING } from '../../../src-main/core/engine/calibration.js';
import { DonorClient } from '../../../src-main/core/coordinators/donation/donor-client.js';
import { HttpClient } from '../../../src-main/core/net/http-client.js';
import { buildAdapters } from '../../../src-main/core/coordinators/registry.js';
import { PRACTICE_ENABLED_SETTING, startPracticeMarket } from '../../../src-main/core/practice/practice-market.js';
import { PRACTICE_STANDBY_REASON } from '../../../src-main/core/practice/standby-adapter.js';
import { createKeychain } from '../../../src-main/core/secrets/keychain.js';
import { openStore } from '../../../src-main/core/store/open-store.js';

const BIN = join(process.cwd(), 'bin', 'proverdesk.js');
const PACKAGES = join(process.cwd(), 'dist', 'practice');
const scratch = mkdtempSync(join(tmpdir(), 'proverdesk-practice-'));
const env = { ...process.env, PROVERDESK_KEYCHAIN_SERVICE: `ProverDeskTest-${randomBytes(4).toString('hex')}` };
const engine = new EngineHost(forkEngineProcess);
let dirs = 0;
const freshDataDir = () => join(scratch, `data-${++dirs}`);

function cli(args: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** get_batch → package → witness → native proof → submit, as any client of the batch API would. */
async function proveAndSubmit(client: BatchApiClient, requestId: number, batchFile: string) {
  const content = BatchApiClient.identify(await client.downloadBatch(batchFile));
  if (content.kind !== 'practice') throw new Error('expected a practice batch');
  const pkg = await readCircuitPackage(await client.downloadPackage(content.batch), 2 ** 28);
  const zkeyPath = join(scratch, `${pkg.manifest.name}.zkey`);
  writeFileSync(zkeyPath, pkg.zkey);
  const { proof, publicSignals } = await engine.prove({ zkeyPath, witness: await computeWitness(pkg.wasm, content.batch.input), threads: 2 }).result;
  const proofBytes = encodeProofResult({ proof: proof as unknown as Record<string, unknown>, publicSignals });
  return client.submitProof({ requestId, proof: proofBytes, provingTimeMs: 10, costCents: 1, priceCents: 2, acceleration: 'NONE' });
}

afterAll(async () => {
  engine.close();
  await releaseSnarkjsWorkers();
  rmSync(scratch, { recursive: true, force: true });
});

describe('practice market', () => {
  it('gives a fresh install work at once: start --once proves a practice batch and it is accepted', async () => {
    const dataDir = freshDataDir();
    const run = await cli(['start', '--once', '--data-dir', dataDir]);
    expect(run.stderr).not.toContain('did not start');
    expect(run.code).toBe(0);
    // One job from each practice server, then nothing until the practice pace allows more: --once stops there.
    expect(run.stdout).toContain('done: 2 accepted');
    const jobs = JSON.parse((await cli(['jobs', '--json', '--data-dir', dataDir])).stdout) as { coordinator: string; state: string }[];
    expect(jobs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ coordinator: 'Practice (batch API)', state: 'accepted' }),
        expect.objectContaining({ coordinator: 'Practice (donation)', state: 'accepted' }),
      ]),
    );
    expect(jobs).toHaveLength(2);
    const coordinators = JSON.parse((await cli(['coordinator', 'list', '--json', '--data-dir', dataDir])).stdout) as { name: string; kind: string }[];
    // The practice Succinct network and Aztec node are there too, off until the user turns them on.
    expect(coordinators.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      expect.objectContaining({ name: 'Practice (Aztec quotes)', kind: 'practice', enabled: false }),
      expect.objectContaining({ name: 'Practice (batch API)', kind: 'practice', enabled: true }),
      expect.objectContaining({ name: 'Practice (donation)', kind: 'practice', enabled: true }),
      expect.objectContaining({ name: 'Practice (Succinct network)', kind: 'practice', enabled: false }),
    ]);
  });

  it('stays off with --no-practice, and for good once the setting is off', async () => {
    const dataDir = freshDataDir();
    const off = await cli(['start', '--once', '--no-practice', '--data-dir', dataDir]);
    expect(off.stdout).toContain('done: no jobs');
    expect(JSON.parse((await cli(['coordinator', 'list', '--json', '--data-dir', dataDir])).stdout)).toEqual([]);

    const store = openStore(join(dataDir, 'proverdesk.db'));
    store.settings.set(PRACTICE_ENABLED_SETTING, false);
    store.close();
    const stillOff = await cli(['start', '--once', '--data-dir', dataDir]);
    expect(stillOff.stdout).toContain('done: no jobs');
  });

  it('keeps a handed-out practice batch across a restart, so a job that was proving can still be submitted', async () => {
    const dataDir = freshDataDir();
    const store = openStore(join(dataDir, 'proverdesk.db'));
    try {
      const first = await startPracticeMarket({ store, keychain: createKeychain({ service: env.PROVERDESK_KEYCHAIN_SERVICE }), dataDir, packagesDir: PACKAGES });
      const http = new HttpClient({ timeoutMs: 10_000, retries: 0 });
      const before = await new BatchApiClient({ ...first!.endpoints.batchApi, deploymentVersion: 'test' }, http).getBatch();
      await first!.close();
      if (before.kind !== 'batch') throw new Error(`expected a batch, got ${before.kind}`);

      const second = await startPracticeMarket({ store, keychain: createKeychain({ service: env.PROVERDESK_KEYCHAIN_SERVICE }), dataDir, packagesDir: PACKAGES });
      try {
        expect(second!.endpoints.batchApi.participantId).toBe(first!.endpoints.batchApi.participantId);
        const client = new BatchApiClient({ ...second!.endpoints.batchApi, deploymentVersion: 'test' }, http);
        const again = await client.getBatch();
        expect(again).toEqual(before); // the same batch, not a new one
        expect(await proveAndSubmit(client, before.batch.request_id, before.batch.batch_file)).toEqual({ kind: 'accepted' });
      } finally {
        await second!.close();
      }
      expect(JSON.parse(readFileSync(join(dataDir, 'practice', 'batch-api.json'), 'utf8'))).toMatchObject({ nextRequestId: before.batch.request_id + 1 });
    } finally {
      store.close();
    }
  });

  it('stands by while a real coordinator is connected, and practises again once it is disabled', async () => {
    const dataDir = freshDataDir();
    const store = openStore(join(dataDir, 'proverdesk.db'));
    const market = await startPracticeMarket({ store, keychain: createKeychain({ service: env.PROVERDESK_KEYCHAIN_SERVICE }), dataDir, packagesDir: PACKAGES });
    try {
      const parts = { store, keychain: createKeychain({ service: env.PROVERDESK_KEYCHAIN_SERVICE }), dataDir, practice: market!.endpoints, estimateProvingMs: () => 1_000 };
      const signal = new AbortController().signal;
      store.coordinators.upsert({ id: 'lab', kind: 'donation', name: 'Lab', config: { url: 'http://127.0.0.1:9' }, enabled: true });
      const standing = await buildAdapters(parts);
      const practiceBatch = standing.find((a) => a.id === 'practice-batch-api')!;
      expect(await practiceBatch.poll(signal)).toEqual({ kind: 'idle', reason: PRACTICE_STANDBY_REASON, retryAfterMs: 10_000 });

      store.coordinators.upsert({ id: 'lab', kind: 'donation', name: 'Lab', config: { url: 'http://127.0.0.1:9' }, enabled: false });
      const practising = await buildAdapters(parts);
      expect((await practising.find((a) => a.id === 'practice-batch-api')!.poll(signal)).kind).toBe('job');
    } finally {
      await market!.close();
      store.close();
    }
  });

  it('`proverdesk calibrate` measures the practice circuits and keeps the result for the scheduler', async () => {
    const dataDir = freshDataDir();
    const run = await cli(['calibrate', '--json', '--data-dir', dataDir]);
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout) as { constraintsPerSecond: number; samples: { circuit: string; provingMs: number }[] };
    expect(printed.samples.map((s) => s.circuit)).toEqual(['poseidon-chain-4k', 'poseidon-chain-16k']);
    expect(printed.samples.every((s) => s.provingMs > 0)).toBe(true);
    expect(printed.constraintsPerSecond).toBeGreaterThan(0);
    const store = openStore(join(dataDir, 'proverdesk.db'));
    try {
      expect(store.settings.get(CALIBRATION_SETTING)).toEqual(printed);
    } finally {
      store.close();
    }
    // In words, it also says what that speed means for Succinct bids: break-even and the bid, per billion PGU.
    const words = await cli(['calibrate', '--data-dir', dataDir]);
    const bids = [...words.stdout.matchAll(/^ {2}([\d,]+) PGU: break-even (\d+\.\d{4}), bid (\d+\.\d{4})$/gm)];
    expect(bids.map((m) => m[1])).toEqual(['4,096', '65,536', '1,048,576']);
    for (const [, , breakEven, bid] of bids) expect(Number(bid)).toBeGreaterThanOrEqual(Number(breakEven));
  });

  it('`proverdesk sandbox batch-api` prints its participants and serves each several batches', async () => {
    const child = spawn(process.execPath, [BIN, 'sandbox', 'batch-api', '--port', '0', '--participants', '2', '--batches', '3'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const lines: string[] = [];
      const reader = createInterface({ input: child.stdout });
      await new Promise<void>((resolve, reject) => {
        reader.on('line', (line) => {
          lines.push(line);
          if (lines.filter((l) => l.startsWith('participant: ')).length === 2) resolve();
        });
        child.once('exit', (code) => reject(new Error(`the sandbox exited (code ${code})`)));
      });
      const url = /^batch-API sandbox: (\S+)$/.exec(lines[0] ?? '')?.[1];
      const participants = lines.filter((l) => l.startsWith('participant: ')).map((l) => l.slice('participant: '.length));
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(new Set(participants).size).toBe(2);
      const client = new BatchApiClient({ url: url!, participantId: participants[0]!, deploymentVersion: 'test' }, new HttpClient({ retries: 0 }));
      const batch = await client.getBatch();
      if (batch.kind !== 'batch') throw new Error(`expected a batch, got ${batch.kind}`);
      expect(await proveAndSubmit(client, batch.batch.request_id, batch.batch.batch_file)).toEqual({ kind: 'accepted' });
      const next = await client.getBatch();
      expect(next.kind === 'batch' && next.batch.request_id).not.toBe(batch.batch.request_id);
    } finally {
      child.kill('SIGINT');
    }
  });

  it('`proverdesk sandbox donation` prints a working account and serves the practice programs', async () => {
    const child = spawn(process.execPath, [BIN, 'sandbox', 'donation', '--port', '0', '--groups', '2'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const lines: string[] = [];
      await new Promise<void>((resolve, reject) => {
        createInterface({ input: child.stdout }).on('line', (line) => {
          lines.push(line);
          if (line.startsWith('account: ')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`the sandbox exited (code ${code})`)));
      });
      const url = /^donation sandbox: (\S+)$/.exec(lines[0] ?? '')?.[1];
      const [username, password] = (lines.find((l) => l.startsWith('account: ')) ?? '').slice('account: '.length).split(' ');
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const programs = await new DonorClient(url!).listPrograms();
      expect(programs.programs.map((p) => p.name).sort()).toEqual(['poseidon-chain-16k', 'poseidon-chain-4k', 'range-check']);
      // The printed account is the organisation that owns them: it can log in and list its own programs.
      const login = await cli(['org', 'login', '--url', url!, '--username', username!], { PROVERDESK_ORG_PASSWORD: password! });
      expect(login.code, login.stderr).toBe(0);
      const mine = await cli(['org', 'programs', '--url', url!, '--json']);
      expect((JSON.parse(mine.stdout) as unknown[]).length).toBe(3);
    } finally {
      child.kill('SIGINT');
    }
  });
});
