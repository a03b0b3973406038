// Wire format of the prover-market batch API (../shared/protocols/batch-api.md): request and response
// shapes, the exact answer texts, and how a client tells the answers apart. The three 422s share one status,
// so the body text decides, matched anywhere in the raw body (plain text or JSON-wrapped).
import { z } from 'zod';

export const GET_BATCH_PATH = '/get_batch/';
export const DEFAULT_SUBMIT_PATH = '/submit_proof/';

/** `batch_file` is relative to the server root: no leading slash, no `..`, no scheme. */
export const BatchFileSchema = z
  .string()
  .min(1)
  .max(1024)
  .refine((path) => !path.startsWith('/') && !path.includes('\\') && !/^[a-z][a-z0-9+.-]*:/i.test(path), 'must be a relative path')
  .refine((path) => !path.split('/').includes('..'), 'must not contain ".."');

export const GetBatchResponseSchema = z.object({
  batch_file: BatchFileSchema,
  request_id: z.number().int().nonnegative(),
});
export type GetBatchResponse = z.infer<typeof GetBatchResponseSchema>;

export const SubmitProofBodySchema = z.object({
  request_id: z.number().int().nonnegative(),
  proof_data: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be standard base64'),
  proving_time: z.number().int().nonnegative(),
  cost: z.number().int().nonnegative(),
  price: z.number().int().nonnegative(),
  deployment_version: z.union([z.string(), z.number()]),
  acceleration: z.string().optional(),
});
export type SubmitProofBody = z.infer<typeof SubmitProofBodySchema>;

/** A practice-format batch (practice-formats.md): `batch_file` points to this JSON document. */
export const PracticeBatchSchema = z.object({
  format: z.literal('circom-groth16/v1'),
  package: BatchFileSchema,
  package_sha256: z.string().regex(/^[0-9a-f]{64}$/),
  input: z.record(z.string(), z.unknown()),
});
export type PracticeBatch = z.infer<typeof PracticeBatchSchema>;

export const TEXTS = {
  unknownParticipant: (participantId: string) => `participant ${participantId} does not exist`,
  unknownRequest: (requestId: number | string) => `request ${requestId} does not exist`,
  noMoreBatches: 'no more batches left to prove',
  invalidProof: 'invalid proof',
  submitted: 'proof submitted successfully',
} as const;

export type GetBatchOutcome =
  | { kind: 'batch'; batch: GetBatchResponse }
  | { kind: 'no-more-batches' }
  | { kind: 'unknown-participant'; message: string }
  | { kind: 'unexpected'; message: string };

export type SubmitOutcome =
  | { kind: 'accepted' }
  | { kind: 'invalid-proof'; message: string }
  | { kind: 'unknown-request'; message: string }
  | { kind: 'unknown-participant'; message: string }
  | { kind: 'unexpected'; message: string };

export function classifyGetBatch(status: number, text: string): GetBatchOutcome {
  if (status === 200) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { kind: 'unexpected', message: `get_batch answered 200 with a body that is not JSON: ${excerpt(text)}` };
    }
    const parsed = GetBatchResponseSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { kind: 'unexpected', message: `get_batch answered 200 without a usable batch (${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'})` };
    }
    return { kind: 'batch', batch: parsed.data };
  }
  if (status === 429 || /no more batches/i.test(text)) return { kind: 'no-more-batches' };
  if (status === 422 && /participant\b.*\bdoes not exist/i.test(text)) return { kind: 'unknown-participant', message: excerpt(text) };
  return { kind: 'unexpected', message: `get_batch answered HTTP ${status}: ${excerpt(text)}` };
}

export function classifySubmit(status: number, text: string): SubmitOutcome {
  if (status >= 200 && status < 300) return { kind: 'accepted' };
  if (status === 422) {
    if (/invalid proof/i.test(text)) return { kind: 'invalid-proof', message: excerpt(text) };
    if (/request\b.*\bdoes not exist/i.test(text)) return { kind: 'unknown-request', message: excerpt(text) };
    if (/participant\b.*\bdoes not exist/i.test(text)) return { kind: 'unknown-participant', message: excerpt(text) };
  }
  return { kind: 'unexpected', message: `submit_proof answered HTTP ${status}: ${excerpt(text)}` };
}

/** The server's text as a user can read it: first line, trimmed, JSON string unwrapped, at most 300 characters. */
export function excerpt(text: string): string {
  let line = text.trim();
  try {
    const json: unknown = JSON.parse(line);
    if (typeof json === 'string') line = json;
    else if (json && typeof json === 'object' && 'detail' in json && typeof json.detail === 'string') line = json.detail;
  } catch {
    // plain text
  }
  line = line.split('\n')[0] ?? '';
  return (line.length > 300 ? `${line.slice(0, 300)}…` : line) || '(empty body)';
}
