// Participant client of the batch API: get_batch, batch and package downloads, submit_proof. One call per
// protocol step; the loop, the job bookkeeping and the prover choice belong to the scheduler.
import { createHash } from 'node:crypto';
import { HttpClient, formatBytes } from '../../net/http-client.js';
import {
  classifyGetBatch,
  classifySubmit,
  DEFAULT_SUBMIT_PATH,
  GET_BATCH_PATH,
  PracticeBatchSchema,
  type GetBatchOutcome,
  type PracticeBatch,
  type SubmitOutcome,
  type SubmitProofBody,
} from './wire.js';

export interface BatchApiSettings {
  /** http(s)://host:port, as the operator gave it. */
  url: string;
  participantId: string;
  /** Defaults to /submit_proof/ (the reference client's path; the README's /get_batch/ is a slip). */
  submitPath?: string;
  /** Identifies this deployment to the operator, e.g. "proverdesk-0.1-cpu". */
  deploymentVersion: string;
}

export interface BatchApiLimits {
  maxBatchBytes: number;
  maxPackageBytes: number;
}

export const DEFAULT_BATCH_API_LIMITS: BatchApiLimits = { maxBatchBytes: 512 * 2 ** 20, maxPackageBytes: 2 * 2 ** 30 };

export type BatchContent = { kind: 'practice'; batch: PracticeBatch } | { kind: 'external' };

export interface ProofSubmission {
  requestId: number;
  proof: Uint8Array;
  /** From the end of the download until the proof was ready. */
  provingTimeMs: number;
  costCents: number;
  priceCents: number;
  /** NONE for CPU only, as the reference client sends it. */
  acceleration: string;
}

export class BatchDownloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BatchDownloadError';
  }
}

export class BatchApiClient {
  private readonly base: string;

  constructor(
    private readonly settings: BatchApiSettings,
    private readonly http: HttpClient = new HttpClient(),
    private readonly limits: BatchApiLimits = DEFAULT_BATCH_API_LIMITS,
  ) {
    this.base = settings.url.replace(/\/+$/, '');
  }

  async getBatch(signal?: AbortSignal): Promise<GetBatchOutcome> {
    const answer = await this.http.request('GET', `${this.base}${GET_BATCH_PATH}?${this.participantQuery()}`, { signal });
    return classifyGetBatch(answer.status, answer.text);
  }

  /** The batch bytes from base + "/" + batch_file; any non-2xx or an oversized body is an error. */
  downloadBatch(batchFile: string, signal?: AbortSignal): Promise<Buffer> {
    return this.http.download(`${this.base}/${batchFile}`, this.limits.maxBatchBytes, signal);
  }

  /** Practice-format batches go to the native engine; anything else to the external backend. */
  static identify(bytes: Uint8Array): BatchContent {
    if (bytes.length === 0 || bytes[0] !== 0x7b /* { */) return { kind: 'external' };
    try {
      const parsed = PracticeBatchSchema.safeParse(JSON.parse(Buffer.from(bytes).toString('utf8')));
      return parsed.success ? { kind: 'practice', batch: parsed.data } : { kind: 'external' };
    } catch {
      return { kind: 'external' };
    }
  }

  /** The batch's circuit package, checked against its sha256. */
  async downloadPackage(batch: PracticeBatch, signal?: AbortSignal): Promise<Buffer> {
    const bytes = await this.http.download(`${this.base}/${batch.package}`, this.limits.maxPackageBytes, signal);
    const sha = createHash('sha256').update(bytes).digest('hex');
    if (sha !== batch.package_sha256) {
      throw new BatchDownloadError(`circuit package ${batch.package} is damaged: got ${formatBytes(bytes.length)} with sha256 ${sha.slice(0, 12)}…, expected ${batch.package_sha256.slice(0, 12)}…`);
    }
    return bytes;
  }

  async submitProof(submission: ProofSubmission, signal?: AbortSignal): Promise<SubmitOutcome> {
    const body: SubmitProofBody = {
      request_id: submission.requestId,
      proof_data: Buffer.from(submission.proof).toString('base64'),
      proving_time: Math.max(0, Math.round(submission.provingTimeMs)),
      cost: submission.costCents,
      price: submission.priceCents,
      deployment_version: this.settings.deploymentVersion,
      acceleration: submission.acceleration,
    };
    const path = this.settings.submitPath ?? DEFAULT_SUBMIT_PATH;
    const answer = await this.http.request('POST', `${this.base}${path}?${this.participantQuery()}`, { json: body, signal });
    return classifySubmit(answer.status, answer.text);
  }

  private participantQuery(): string {
    return `participant_id=${encodeURIComponent(this.settings.participantId)}`;
  }
}

