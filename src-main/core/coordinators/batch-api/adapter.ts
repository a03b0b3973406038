// The batch API as the scheduler sees it (coordinator-adapter.ts): one get_batch per poll, the batch's
// practice package through the package cache or the raw batch for the external backend, and submit_proof
// outcomes mapped to job outcomes. 429 backs off; an unknown participant pauses the coordinator.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PackageCache } from '../../engine/package-cache.js';
import { circuitProvingInput } from '../../scheduler/circuit-input.js';
import type { CoordinatorAdapter, PollResult, ProofToSubmit, ProvingInput, SubmitResult } from '../../scheduler/coordinator-adapter.js';
import type { Job } from '../../store/repos/jobs-repo.js';
import { BatchApiClient } from './client.js';

/** How long to wait before asking again after "no more batches left to prove". */
export const NO_MORE_BATCHES_RETRY_MS = 5 * 60_000;
const UNEXPECTED_RETRY_MS = 30_000;

export class BatchApiAdapter implements CoordinatorAdapter {
  constructor(
    readonly id: string,
    readonly name: string,
    private readonly client: BatchApiClient,
    private readonly packages: PackageCache,
    private readonly baseUrl: string,
    /** How long "no more batches" waits before asking again (the practice market is quicker than a real server). */
    private readonly noBatchesRetryMs = NO_MORE_BATCHES_RETRY_MS,
  ) {}

  async poll(signal: AbortSignal): Promise<PollResult> {
    const outcome = await this.client.getBatch(signal);
    switch (outcome.kind) {
      case 'batch':
        return {
          kind: 'job',
          externalId: String(outcome.batch.request_id),
          payload: { batchFile: outcome.batch.batch_file, requestId: outcome.batch.request_id },
          note: `batch request ${outcome.batch.request_id}`,
        };
      case 'no-more-batches':
        return { kind: 'idle', reason: 'no more batches left to prove', retryAfterMs: this.noBatchesRetryMs };
      case 'unknown-participant':
        return { kind: 'pause', reason: 'the server does not know this participant ID; check it in Markets' };
      case 'unexpected':
        return { kind: 'idle', reason: outcome.message, retryAfterMs: UNEXPECTED_RETRY_MS };
    }
  }

  async fetch(_job: Job, payload: Record<string, unknown>, workDir: string, signal: AbortSignal): Promise<ProvingInput> {
    const batchFile = String(payload.batchFile);
    const bytes = await this.client.downloadBatch(batchFile, signal);
    const content = BatchApiClient.identify(bytes);
    if (content.kind === 'external') {
      const inputFile = join(workDir, 'batch.bin');
      await writeFile(inputFile, bytes);
      return { kind: 'external', inputUrl: `${this.baseUrl.replace(/\/+$/, '')}/${batchFile}`, inputFile };
    }
    const circuit = await this.packages.get(content.batch.package_sha256, () => this.client.downloadPackage(content.batch, signal));
    return circuitProvingInput(circuit, content.batch.package_sha256, content.batch.input);
  }

  async submit(_job: Job, payload: Record<string, unknown>, proof: ProofToSubmit, signal: AbortSignal): Promise<SubmitResult> {
    const outcome = await this.client.submitProof({ requestId: Number(payload.requestId), ...proof }, signal);
    switch (outcome.kind) {
      case 'accepted':
        return { kind: 'accepted', message: 'proof submitted successfully' };
      case 'invalid-proof':
        return { kind: 'rejected', message: `the server rejected the proof: ${outcome.message}` };
      case 'unknown-request':
        return { kind: 'gone', message: outcome.message };
      case 'unknown-participant':
        return { kind: 'pause', message: 'the server does not know this participant ID; check it in Markets' };
      case 'unexpected':
        throw new Error(outcome.message);
    }
  }
}
