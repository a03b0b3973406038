// A local batch-API server with the fidelity batch-api.md asks for: exact routes (trailing slashes), status codes
// and texts, one batch at a time per participant, practice-format batches whose proofs are verified with
// snarkjs (and checked against the batch's own public signals), accepted submissions recorded once, the
// /static/example-* files, and switchable faults for client tests.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { encodeProofResult, decodeProofResult, publicSignalsOfWitness } from '../../engine/proof-result.js';
import { computeWitness } from '../../engine/witness.js';
import { listenOnLoopback } from '../../net/loopback-server.js';
import { verifyGroth16 } from '../../engine/verify.js';
import type { CircuitPackage } from '../../engine/circuit-package.js';
import { GET_BATCH_PATH, DEFAULT_SUBMIT_PATH, SubmitProofBodySchema, TEXTS, type PracticeBatch } from './wire.js';

export interface SandboxCircuit {
  /** The circuit package's tar bytes, as served. */
  packageBytes: Buffer;
  /** The same package, read (the server needs the wasm and the verification key). */
  circuit: CircuitPackage;
}

export interface SandboxBatchSpec {
  circuit: SandboxCircuit;
  input: Record<string, unknown>;
}

export interface SandboxParticipantSpec {
  /** Generated when left out. */
  id?: string;
  batches?: SandboxBatchSpec[];
  /** Endless work (the practice market): asked for a new batch once the listed ones are done; undefined = none now. */
  nextBatch?: () => SandboxBatchSpec | undefined;
}

/** Where an endless sandbox keeps its outstanding batches, so a restart of the app finds them again. */
export interface SandboxPersistence {
  file: string;
  /** Saved batches name their circuit; these are the circuits they can name. */
  circuits: readonly SandboxCircuit[];
}

/** What the next matching requests should suffer; each fault fires `times` times (default once). */
export type SandboxFault =
  | { on: 'get_batch' | 'submit_proof' | 'download'; kind: 'error-500' | 'hang'; times?: number }
  | { on: 'download'; kind: 'close-mid-body' | 'truncated' | 'oversized'; times?: number };

export interface SandboxSubmission {
  participantId: string;
  requestId: number;
  batchFile: string;
  provingTimeMs: number;
  costCents: number;
  priceCents: number;
  deploymentVersion: string | number;
  acceleration: string | undefined;
  /** How long the server spent checking the proof (snarkjs), which the client waits through. */
  verifyMs: number;
}

export interface BatchApiSandbox {
  url: string;
  participantIds: string[];
  /** Accepted submissions, one per batch. */
  submissions(): SandboxSubmission[];
  /** Submissions answered "invalid proof". */
  rejectedCount(): number;
  injectFault(fault: SandboxFault): void;
  /** Faults injected and not yet fired. */
  pendingFaults(): number;
  close(): Promise<void>;
}

interface Batch {
  spec: SandboxBatchSpec;
  file: string;
  requestId?: number;
  accepted: boolean;
  /** Started when the batch is handed out, so a submission waits only for the proof check. */
  expectedSignals?: Promise<string[]>;
}

interface Participant {
  id: string;
  batches: Batch[];
  nextBatch?: () => SandboxBatchSpec | undefined;
}

interface SavedState {
  nextRequestId: number;
  participants: Record<string, { circuit: string; input: Record<string, unknown>; file: string; requestId?: number }[]>;
}

export async function startBatchApiSandbox(options: {
  participants: SandboxParticipantSpec[];
  port?: number;
  /** The batch served as /static/example-batch.bin (its proof as /static/example-proof.bin). */
  example?: SandboxBatchSpec;
  persistence?: SandboxPersistence;
}): Promise<BatchApiSandbox> {
  const statics = new Map<string, { bytes: Buffer | (() => Promise<Buffer>); type: string }>();
  // Hashed once per circuit: an endless sandbox makes a batch document for every batch it hands out.
  const packagePaths = new Map<SandboxCircuit, { path: string; sha: string }>();
  const packagePath = (circuit: SandboxCircuit) => {
    let entry = packagePaths.get(circuit);
    if (!entry) {
      const sha = createHash('sha256').update(circuit.packageBytes).digest('hex');
      entry = { path: `static/circuits/${sha}.tar`, sha };
      statics.set(entry.path, { bytes: circuit.packageBytes, type: 'application/x-tar' });
      packagePaths.set(circuit, entry);
    }
    return entry;
  };
  const batchDocument = (spec: SandboxBatchSpec): Buffer => {
    const { path, sha } = packagePath(spec.circuit);
    const doc: PracticeBatch = { format: 'circom-groth16/v1', package: path, package_sha256: sha, input: spec.input };
    return Buffer.from(JSON.stringify(doc));
  };

  const newBatch = (spec: SandboxBatchSpec, file = `static/${randomBytes(18).toString('base64url')}/${randomBytes(24).toString('base64url')}`): Batch => {
    statics.set(file, { bytes: batchDocument(spec), type: 'application/octet-stream' });
    return { spec, file, accepted: false };
  };

  const requests = new Map<number, { participant: Participant; batch: Batch }>();
  let nextRequestId = 1;
  const saved = options.persistence ? readSavedState(options.persistence.file) : undefined;
  if (saved) nextRequestId = saved.nextRequestId;

  const participants = new Map<string, Participant>();
  for (const spec of options.participants) {
    const id = spec.id ?? randomBytes(18).toString('base64url');
    const participant: Participant = { id, batches: (spec.batches ?? []).map((batchSpec) => newBatch(batchSpec)), ...(spec.nextBatch ? { nextBatch: spec.nextBatch } : {}) };
    for (const entry of saved?.participants[id] ?? []) {
      const circuit = options.persistence?.circuits.find((c) => c.circuit.manifest.name === entry.circuit);
      if (!circuit) continue; // a circuit this version no longer has: that batch is gone
      const batch = newBatch({ circuit, input: entry.input }, entry.file);
      if (entry.requestId !== undefined) {
        batch.requestId = entry.requestId;
        requests.set(entry.requestId, { participant, batch });
      }
      participant.batches.push(batch);
    }
    participants.set(id, participant);
  }
  // A real server knows its batches' expected outputs ahead of time; working them out now, one after another,
  // keeps that work out of the clients' way (computed at hand-out, it stalls the server's next answer).
  void (async () => {
    for (const batch of [...participants.values()].flatMap((p) => p.batches)) {
      batch.expectedSignals ??= expectedSignalsOf(batch);
      await batch.expectedSignals.catch(() => undefined); // a failure surfaces at submission
    }
  })();

  const save = () => {
    if (!options.persistence) return;
    const state: SavedState = { nextRequestId, participants: {} };
    for (const participant of participants.values()) {
      state.participants[participant.id] = participant.batches
        .filter((b) => !b.accepted)
        .map((b) => ({ circuit: b.spec.circuit.circuit.manifest.name, input: b.spec.input, file: b.file, ...(b.requestId === undefined ? {} : { requestId: b.requestId }) }));
    }
    writeFileAtomically(options.persistence.file, JSON.stringify(state));
  };
  if (options.example) {
    const example = options.example;
    statics.set('static/example-batch.bin', { bytes: batchDocument(example), type: 'application/octet-stream' });
    statics.set('static/example-proof.bin', { bytes: () => exampleProof(example), type: 'application/octet-stream' });
  }

  const submissions: SandboxSubmission[] = [];
  let rejected = 0;
  const faults: SandboxFault[] = [];

  const takeFault = (on: SandboxFault['on']): SandboxFault | undefined => {
    const index = faults.findIndex((f) => f.on === on);
    if (index < 0) return undefined;
    const fault = faults[index]!;
    const left = (fault.times ?? 1) - 1;
    if (left <= 0) faults.splice(index, 1);
    else faults[index] = { ...fault, times: left } as SandboxFault;
    return fault;
  };

  const getBatch = (participantId: string, res: ServerResponse) => {
    const participant = participants.get(participantId);
    if (!participant) return text(res, 422, TEXTS.unknownParticipant(participantId));
    let current = participant.batches.find((b) => !b.accepted);
    const spec = current ? undefined : participant.nextBatch?.();
    if (spec) {
      current = newBatch(spec);
      participant.batches.push(current);
    }
    if (!current) return text(res, 429, TEXTS.noMoreBatches);
    if (current.requestId === undefined) {
      current.requestId = nextRequestId++;
      requests.set(current.requestId, { participant, batch: current });
      save();
    }
    current.expectedSignals ??= expectedSignalsOf(current);
    current.expectedSignals.catch(() => undefined); // a failure surfaces at submission
    json(res, 200, { batch_file: current.file, request_id: current.requestId });
  };

  const submit = async (participantId: string, body: string, res: ServerResponse) => {
    const participant = participants.get(participantId);
    if (!participant) return text(res, 422, TEXTS.unknownParticipant(participantId));
    let raw: unknown;
    try {
      raw = JSON.parse(body);
    } catch {
      return text(res, 422, 'body is not JSON');
    }
    const parsed = SubmitProofBodySchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return text(res, 422, `field ${issue?.path.join('.') || '(body)'}: ${issue?.message ?? 'invalid'}`);
    }
    const submission = parsed.data;
    const entry = requests.get(submission.request_id);
    if (!entry || entry.participant !== participant || entry.batch.accepted) {
      return text(res, 422, TEXTS.unknownRequest(submission.request_id));
    }
    const verifyStarted = performance.now();
    if (!(await proofIsValid(entry.batch, Buffer.from(submission.proof_data, 'base64')))) {
      rejected += 1;
      return text(res, 422, TEXTS.invalidProof);
    }
    entry.batch.accepted = true;
    if (participant.nextBatch) forgetAccepted(participant, entry.batch);
    save();
    submissions.push({
      participantId,
      requestId: submission.request_id,
      batchFile: entry.batch.file,
      provingTimeMs: submission.proving_time,
      costCents: submission.cost,
      priceCents: submission.price,
      deploymentVersion: submission.deployment_version,
      acceleration: submission.acceleration,
      verifyMs: performance.now() - verifyStarted,
    });
    text(res, 200, TEXTS.submitted);
  };

  /** An endless sandbox would otherwise keep every batch it ever made; a forgotten request is answered "unknown". */
  const forgetAccepted = (participant: Participant, batch: Batch) => {
    participant.batches = participant.batches.filter((b) => b !== batch);
    statics.delete(batch.file);
    if (batch.requestId !== undefined) requests.delete(batch.requestId);
  };

  const serveStatic = async (path: string, res: ServerResponse) => {
    const file = statics.get(path);
    if (!file) return text(res, 404, 'not found');
    const bytes = typeof file.bytes === 'function' ? await file.bytes() : file.bytes;
    const fault = takeFault('download');
    if (fault?.kind === 'truncated') {
      res.writeHead(200, { 'content-type': file.type });
      return res.end(bytes.subarray(0, Math.floor(bytes.length / 2)));
    }
    if (fault?.kind === 'oversized') {
      const huge = Buffer.alloc(bytes.length + 64 * 2 ** 20, 0x61);
      res.writeHead(200, { 'content-type': file.type, 'content-length': huge.length });
      return res.end(huge);
    }
    if (fault?.kind === 'close-mid-body') {
      res.writeHead(200, { 'content-type': file.type, 'content-length': bytes.length });
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
      return res.socket?.destroy();
    }
    if (fault && applyCommonFault(fault, res)) return;
    res.writeHead(200, { 'content-type': file.type, 'content-length': bytes.length });
    res.end(bytes);
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const participantId = url.searchParams.get('participant_id') ?? '';
    void (async () => {
      if (req.method === 'GET' && url.pathname === GET_BATCH_PATH) {
        const fault = takeFault('get_batch');
        if (fault && applyCommonFault(fault, res)) return;
        return getBatch(participantId, res);
      }
      if (req.method === 'POST' && url.pathname === DEFAULT_SUBMIT_PATH) {
        const body = await readBody(req);
        const fault = takeFault('submit_proof');
        if (fault && applyCommonFault(fault, res)) return;
        return submit(participantId, body, res);
      }
      if (req.method === 'GET' && url.pathname.startsWith('/static/')) return serveStatic(url.pathname.slice(1), res);
      text(res, 404, 'not found');
    })().catch((error: unknown) => {
      if (!res.headersSent) text(res, 500, `sandbox error: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  const listener = await listenOnLoopback(server, options.port);

  return {
    url: listener.url,
    participantIds: [...participants.keys()],
    submissions: () => submissions.map((s) => ({ ...s })),
    rejectedCount: () => rejected,
    injectFault: (fault) => faults.push(fault),
    pendingFaults: () => faults.length,
    close: () => listener.close(),
  };
}

function readSavedState(file: string): SavedState | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as SavedState;
    return Number.isInteger(state.nextRequestId) && typeof state.participants === 'object' && state.participants !== null ? state : undefined;
  } catch {
    return undefined; // damaged: start afresh, as a real server that lost its state would
  }
}

function writeFileAtomically(file: string, content: string): void {
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}

/** A proof is valid when snarkjs verifies it and its public signals are the batch input's own. */
async function proofIsValid(batch: Batch, proofBytes: Buffer): Promise<boolean> {
  const result = decodeProofResult(proofBytes);
  if (!result) return false;
  const vkey = batch.spec.circuit.circuit.vkey;
  batch.expectedSignals ??= expectedSignalsOf(batch);
  if (result.publicSignals.join(',') !== (await batch.expectedSignals).join(',')) return false;
  try {
    return await verifyGroth16(vkey, result.publicSignals, result.proof);
  } catch {
    return false;
  }
}

async function expectedSignalsOf(batch: Batch): Promise<string[]> {
  const { wasm, vkey } = batch.spec.circuit.circuit;
  return publicSignalsOfWitness(await computeWitness(wasm, batch.spec.input), Number(vkey.nPublic));
}

const exampleProofs = new WeakMap<SandboxBatchSpec, Promise<Buffer>>();

/** The example proof, made once with snarkjs (not with ProverDesk's engine). */
function exampleProof(spec: SandboxBatchSpec): Promise<Buffer> {
  let proof = exampleProofs.get(spec);
  if (!proof) {
    proof = (async () => {
      const snarkjs = await import('snarkjs');
      const wtns = await computeWitness(spec.circuit.circuit.wasm, spec.input);
      const { proof: groth16, publicSignals } = await snarkjs.groth16.prove(new Uint8Array(spec.circuit.circuit.zkey), wtns);
      return encodeProofResult({ proof: groth16 as unknown as Record<string, unknown>, publicSignals });
    })();
    exampleProofs.set(spec, proof);
  }
  return proof;
}

function applyCommonFault(fault: SandboxFault, res: ServerResponse): boolean {
  if (fault.kind === 'error-500') {
    text(res, 500, 'internal server error (sandbox fault)');
    return true;
  }
  if (fault.kind === 'hang') return true; // never answers; the client's timeout must fire
  return false;
}

function text(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(body);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 16 * 2 ** 20) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
