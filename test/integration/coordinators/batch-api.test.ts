// The batch-API client against the sandbox server over loopback: every status code and text of the protocol,
// real proofs from the native engine checked by the server with snarkjs, and the faults a real server can
// throw (500s, hangs, connections closed mid-download, truncated and oversized bodies, hostile packages).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchApiClient, BatchDownloadError } from '../../../src-main/core/coordinators/batch-api/client.js';
import { startBatchApiSandbox, type BatchApiSandbox, type SandboxCircuit } from '../../../src-main/core/coordinators/batch-api/sandbox-server.js';
import { CircuitPackageError, readCircuitPackage } from '../../../src-main/core/engine/circuit-package.js';
import { EngineHost } from '../../../src-main/core/engine/engine-host.js';
import { forkEngineProcess } from '../../../src-main/core/engine/fork-engine.js';
import { decodeProofResult, encodeProofResult } from '../../../src-main/core/engine/proof-result.js';
import { verifyGroth16 } from '../../../src-main/core/engine/verify.js';
import { releaseSnarkjsWorkers } from '../../../src-main/core/engine/snarkjs-workers.js';
import { computeWitness } from '../../../src-main/core/engine/witness.js';
import { HttpClient, NetworkError } from '../../../src-main/core/net/http-client.js';
import { sandboxCircuit } from '../../support/sandbox-circuits.js';
import { rawTar } from '../../support/raw-tar.js';
import { poseidonChainInput } from '../../fixtures/circuits/inputs.js';

const MAX_PACKAGE = 64 * 2 ** 20;
const scratch = mkdtempSync(join(tmpdir(), 'proverdesk-batch-api-'));
const engine = new EngineHost(forkEngineProcess);
let circuit: SandboxCircuit;
let sandbox: BatchApiSandbox;
let zkeyPath: string;

const fastHttp = (overrides: { timeoutMs?: number; retries?: number } = {}) =>
  new HttpClient({ timeoutMs: overrides.timeoutMs ?? 5_000, retries: overrides.retries ?? 2, retryBaseMs: 20, retryMaxMs: 50 });

const clientFor = (participantId: string, http = fastHttp()) =>
  new BatchApiClient({ url: `${sandbox.url}/`, participantId, deploymentVersion: 'proverdesk-test-cpu' }, http, {
    maxBatchBytes: 2 ** 20,
    maxPackageBytes: MAX_PACKAGE,
  });

/** get_batch → download → package → witness → native proof: what the scheduler will do. */
async function proveCurrentBatch(client: BatchApiClient): Promise<{ requestId: number; proof: Buffer }> {
  const outcome = await client.getBatch();
  if (outcome.kind !== 'batch') throw new Error(`expected a batch, got ${outcome.kind}`);
  const content = BatchApiClient.identify(await client.downloadBatch(outcome.batch.batch_file));
  if (content.kind !== 'practice') throw new Error('expected a practice batch');
  const pkg = await readCircuitPackage(await client.downloadPackage(content.batch), MAX_PACKAGE);
  const witness = await computeWitness(pkg.wasm, content.batch.input);
  const { proof, publicSignals } = await engine.prove({ zkeyPath, witness, threads: 2 }).result;
  return { requestId: outcome.batch.request_id, proof: encodeProofResult({ proof: proof as unknown as Record<string, unknown>, publicSignals }) };
}

beforeAll(async () => {
  circuit = await sandboxCircuit('poseidon-chain-small');
  zkeyPath = join(scratch, 'circuit.zkey');
  writeFileSync(zkeyPath, circuit.circuit.zkey);
  const input = (seed: number) => ({ ...poseidonChainInput(), salt: String(seed) });
  sandbox = await startBatchApiSandbox({
    participants: [
      { id: 'alice-0001', batches: [{ circuit, input: input(11) }, { circuit, input: input(12) }] },
      { id: 'bob-0002', batches: [{ circuit, input: input(21) }] },
      { id: 'carol-0003', batches: [{ circuit, input: input(31) }] },
    ],
    example: { circuit, input: input(99) },
  });
});

afterAll(async () => {
  await sandbox?.close();
  engine.close();
  await releaseSnarkjsWorkers();
  rmSync(scratch, { recursive: true, force: true });
});

describe('batch API protocol', () => {
  it('hands out one batch at a time, accepts valid proofs once, then answers 429', async () => {
    const alice = clientFor('alice-0001');
    const first = await alice.getBatch();
    const again = await alice.getBatch();
    expect(first.kind).toBe('batch');
    expect(again).toEqual(first); // the same batch until it is proven
    if (first.kind !== 'batch') return;
    expect(first.batch.batch_file).toMatch(/^static\//);

    const proven = await proveCurrentBatch(alice);
    const submission = { requestId: proven.requestId, proof: proven.proof, provingTimeMs: 1234.4, costCents: 3, priceCents: 5, acceleration: 'NONE' };
    expect(await alice.submitProof(submission)).toEqual({ kind: 'accepted' });
    // The same proof again: the request is done, so the server no longer knows it.
    expect(await alice.submitProof(submission)).toEqual({ kind: 'unknown-request', message: `request ${proven.requestId} does not exist` });

    const second = await alice.getBatch();
    expect(second.kind === 'batch' && second.batch.request_id).not.toBe(proven.requestId);
    const provenSecond = await proveCurrentBatch(alice);
    expect(await alice.submitProof({ ...submission, requestId: provenSecond.requestId, proof: provenSecond.proof })).toEqual({ kind: 'accepted' });
    expect(await alice.getBatch()).toEqual({ kind: 'no-more-batches' });

    const recorded = sandbox.submissions().filter((s) => s.participantId === 'alice-0001');
    expect(recorded).toHaveLength(2);
    expect(recorded[0]).toMatchObject({ requestId: proven.requestId, provingTimeMs: 1234, costCents: 3, priceCents: 5, deploymentVersion: 'proverdesk-test-cpu', acceleration: 'NONE' });
  });

  it('tells an unknown participant, an unknown request and an invalid proof apart', async () => {
    const nobody = clientFor('nobody-9999');
    expect(await nobody.getBatch()).toEqual({ kind: 'unknown-participant', message: 'participant nobody-9999 does not exist' });
    const proofless = { requestId: 1, proof: Buffer.from('{}'), provingTimeMs: 1, costCents: 0, priceCents: 0, acceleration: 'NONE' };
    expect(await nobody.submitProof(proofless)).toEqual({ kind: 'unknown-participant', message: 'participant nobody-9999 does not exist' });

    const bob = clientFor('bob-0002');
    const proven = await proveCurrentBatch(bob);
    // Another participant's request is not bob's to answer.
    const carol = clientFor('carol-0003');
    expect(await carol.submitProof({ ...proofless, requestId: proven.requestId, proof: proven.proof })).toEqual({
      kind: 'unknown-request',
      message: `request ${proven.requestId} does not exist`,
    });
    // A tampered public signal, and bytes that are no proof at all.
    const tampered = JSON.parse(proven.proof.toString('utf8')) as { proof: Record<string, unknown>; publicSignals: string[] };
    tampered.publicSignals[0] = (BigInt(tampered.publicSignals[0]!) + 1n).toString();
    const rejectedBefore = sandbox.rejectedCount();
    expect(await bob.submitProof({ ...proofless, requestId: proven.requestId, proof: encodeProofResult(tampered) })).toEqual({ kind: 'invalid-proof', message: 'invalid proof' });
    expect(await bob.submitProof({ ...proofless, requestId: proven.requestId, proof: Buffer.from('not a proof') })).toEqual({ kind: 'invalid-proof', message: 'invalid proof' });
    expect(sandbox.rejectedCount()).toBe(rejectedBefore + 2);
    // The batch stays current after a rejection, and the real proof is still accepted.
    expect(await bob.getBatch()).toMatchObject({ kind: 'batch', batch: { request_id: proven.requestId } });
    expect(await bob.submitProof({ ...proofless, requestId: proven.requestId, proof: proven.proof })).toEqual({ kind: 'accepted' });
  });

  it('answers a malformed submission with a 422 that names the field', async () => {
    const http = fastHttp();
    const answer = await http.request('POST', `${sandbox.url}/submit_proof/?participant_id=carol-0003`, { json: { request_id: 'x' } });
    expect(answer.status).toBe(422);
    expect(answer.text).toMatch(/^field request_id: /);
    const notJson = await http.request('POST', `${sandbox.url}/submit_proof/?participant_id=carol-0003`, { body: Buffer.from('{{{') });
    expect(notJson).toMatchObject({ status: 422, text: 'body is not JSON' });
  });

  it('serves the example batch and a valid example proof for it', async () => {
    const http = fastHttp();
    const batch = BatchApiClient.identify(await http.download(`${sandbox.url}/static/example-batch.bin`, 2 ** 20));
    expect(batch.kind).toBe('practice');
    const result = decodeProofResult(await http.download(`${sandbox.url}/static/example-proof.bin`, 2 ** 20));
    expect(result).toBeDefined();
    expect(await verifyGroth16(circuit.circuit.vkey, result!.publicSignals, result!.proof)).toBe(true);
  });
});

describe('batch API faults', () => {
  it('retries a 500 and gives a clear error when the server keeps failing', async () => {
    sandbox.injectFault({ on: 'get_batch', kind: 'error-500', times: 2 });
    expect((await clientFor('carol-0003').getBatch()).kind).toBe('batch'); // third attempt succeeds
    sandbox.injectFault({ on: 'get_batch', kind: 'error-500', times: 3 });
    const error = await clientFor('carol-0003').getBatch().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).failure).toBe('server-error');
    expect((error as NetworkError).message).toMatch(/GET 127\.0\.0\.1:\d+\/get_batch\/ answered HTTP 500/);
    expect((error as NetworkError).message).not.toMatch(/carol/); // the participant ID stays out of messages
  });

  it('times out on a server that never answers', async () => {
    sandbox.injectFault({ on: 'get_batch', kind: 'hang' });
    const error = await clientFor('carol-0003', fastHttp({ timeoutMs: 300, retries: 0 })).getBatch().catch((e: unknown) => e);
    expect(error).toMatchObject({ failure: 'timeout' });
    expect((error as Error).message).toMatch(/timed out/);
  });

  it('fails a download cut mid-body, truncated or oversized, and never hands an error page on', async () => {
    const carol = clientFor('carol-0003', fastHttp({ retries: 0 }));
    const outcome = await carol.getBatch();
    if (outcome.kind !== 'batch') throw new Error('expected a batch');
    const content = BatchApiClient.identify(await carol.downloadBatch(outcome.batch.batch_file));
    if (content.kind !== 'practice') throw new Error('expected a practice batch');

    sandbox.injectFault({ on: 'download', kind: 'close-mid-body' });
    await expect(carol.downloadPackage(content.batch)).rejects.toMatchObject({ name: 'NetworkError', failure: 'transport' });
    sandbox.injectFault({ on: 'download', kind: 'truncated' });
    await expect(carol.downloadPackage(content.batch)).rejects.toThrow(BatchDownloadError);
    sandbox.injectFault({ on: 'download', kind: 'oversized' });
    await expect(carol.downloadBatch(outcome.batch.batch_file)).rejects.toMatchObject({ failure: 'too-large' });
    sandbox.injectFault({ on: 'download', kind: 'error-500' });
    await expect(carol.downloadBatch(outcome.batch.batch_file)).rejects.toMatchObject({ failure: 'server-error' });
    await expect(carol.downloadBatch('static/no-such-file')).rejects.toMatchObject({ failure: 'http-status', status: 404 });
    // After all that, the package still downloads whole.
    expect((await carol.downloadPackage(content.batch)).equals(circuit.packageBytes)).toBe(true);
  });

  it('sends anything that is not a practice batch to the external backend', () => {
    expect(BatchApiClient.identify(new Uint8Array([0x8d, 0x35, 0x74]))).toEqual({ kind: 'external' });
    expect(BatchApiClient.identify(Buffer.from('{"format":"something-else"}'))).toEqual({ kind: 'external' });
    expect(BatchApiClient.identify(Buffer.from('{"format":"circom-groth16/v1","package":"../etc/passwd","package_sha256":"' + 'a'.repeat(64) + '","input":{}}'))).toEqual({ kind: 'external' });
  });
});

describe('circuit packages', () => {
  const files = () => {
    const wasm = readFileSync(join(scratch, 'circuit.zkey')).subarray(0, 16);
    return { manifest: JSON.stringify(circuit.circuit.manifest), wasm, vkey: JSON.stringify(circuit.circuit.vkey) };
  };
  const base = () => {
    const f = files();
    return [
      { name: 'manifest.json', content: f.manifest },
      { name: 'circuit.wasm', content: f.wasm },
      { name: 'circuit.zkey', content: f.wasm },
      { name: 'verification_key.json', content: f.vkey },
    ];
  };

  it('reads a well-formed package', async () => {
    const pkg = await readCircuitPackage(rawTar(base()), MAX_PACKAGE);
    expect(pkg.manifest.name).toBe('poseidon-chain-small');
  });

  it.each([
    ['a ../ path', [{ name: '../manifest.json', content: '{}' }], /absolute or parent-relative path/],
    ['an absolute path', [{ name: '/etc/passwd', content: 'x' }], /absolute or parent-relative path/],
    ['a symbolic link', [{ name: 'link', type: '2' as const, linkTarget: '/etc/passwd' }], /is a SymbolicLink, not a regular file/],
    ['a hard link', [{ name: 'hard', type: '1' as const, linkTarget: 'manifest.json' }], /is a Link, not a regular file/],
    ['a device', [{ name: 'dev', type: '3' as const }], /is a CharacterDevice, not a regular file/],
    ['an extra entry', [{ name: 'extra.txt', content: 'x' }], /unexpected entries "extra.txt"/],
  ])('refuses %s', async (_what, extra, message) => {
    await expect(readCircuitPackage(rawTar([...base(), ...extra]), MAX_PACKAGE)).rejects.toThrow(message);
  });

  it('refuses oversized entries, missing entries, bad manifests and non-tar bytes', async () => {
    await expect(readCircuitPackage(rawTar(base()), 100)).rejects.toThrow(/larger than 100 bytes/);
    await expect(readCircuitPackage(rawTar(base().slice(1)), MAX_PACKAGE)).rejects.toThrow(/manifest.json is missing/);
    const badManifest = base();
    badManifest[0] = { name: 'manifest.json', content: '{"format":"circom-groth16/v2"}' };
    await expect(readCircuitPackage(rawTar(badManifest), MAX_PACKAGE)).rejects.toThrow(CircuitPackageError);
    await expect(readCircuitPackage(Buffer.from('hello, not a tar'), MAX_PACKAGE)).rejects.toThrow(CircuitPackageError);
  });
});
