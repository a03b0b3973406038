// The donation sandbox's HTTP plumbing: what a route handler gets and returns, request bodies and queries read
// the way actix reads them (its own plain-text 400s before the handler runs), and the replies: the envelopes
// of §1, files with their download names, and the panic (a dropped connection).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { SandboxError, SandboxPanic, SandboxPlainError } from './sandbox-errors.js';
import { paging, type Paging } from './sandbox-state.js';

/** Which requests a fault hits. */
export type FaultTarget = 'account' | 'list' | 'download-program' | 'reserve' | 'upload-proof' | 'organisation';

export type SandboxFault =
  | { on: FaultTarget; kind: 'error-500' | 'hang'; times?: number }
  /** A file answer stops halfway and the connection closes. */
  | { on: 'download-program' | 'reserve' | 'organisation'; kind: 'close-mid-body'; times?: number }
  /** §3: the program's stored tar cannot be fetched: the reservation is undone and the answer is 500. */
  | { on: 'reserve'; kind: 'storage-failure'; times?: number }
  /** The reservation is taken, but these bytes are served as the outer tar (hostile-archive tests). */
  | { on: 'reserve'; kind: 'replace-archive'; archive: Uint8Array; times?: number }
  /** The reservation is taken, but this text is served as its CSV. */
  | { on: 'reserve'; kind: 'replace-csv'; csv: string; times?: number };

export interface RouteContext {
  req: IncomingMessage;
  url: URL;
  /** The path's ids, in order. */
  params: string[];
  fault: SandboxFault | undefined;
}

export type Reply = { kind: 'json'; data: unknown } | { kind: 'file'; bytes: Buffer; filename: string; contentType: string };

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Whole path; each `([^/]+)` group is an id. */
  path: RegExp;
  fault: FaultTarget;
  handle(context: RouteContext): Promise<Reply>;
}

export const json = (data: unknown): Reply => ({ kind: 'json', data });

const MAX_JSON_BODY = 64 * 1024;

/** A JSON body as actix's web::Json takes it: content type, size limit, shape, or a plain-text 400. */
export async function readJsonBody<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) throw new SandboxPlainError(400, 'Content type error');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BODY) throw new SandboxPlainError(413, 'JSON payload is larger than allowed');
    chunks.push(chunk as Buffer);
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    throw new SandboxPlainError(400, `Json deserialize error: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new SandboxPlainError(400, `Json deserialize error: ${describeIssue(parsed.error)}`);
  return parsed.data;
}

/** The JSON of a multipart upload's non-file part: the real server `expect`s it to parse. */
export function parseJsonPart<T>(text: string, schema: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new SandboxPanic('the non-file part is not JSON');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new SandboxPanic(`the non-file part does not have the expected fields (${describeIssue(parsed.error)})`);
  return parsed.data;
}

/** `limit` and `page` from the query; a value that is not an integer is actix's "Query deserialize error". */
export function pagingOf(url: URL): Paging {
  const integer = (name: string): number | undefined => {
    const text = url.searchParams.get(name);
    if (text === null) return undefined;
    if (!/^-?\d{1,18}$/.test(text)) throw new SandboxPlainError(400, `Query deserialize error: invalid digit found in string (${name})`);
    return Number(text);
  };
  return paging(integer('limit'), integer('page'));
}

export function sendReply(res: ServerResponse, reply: Reply, fault: SandboxFault | undefined): void {
  if (reply.kind === 'json') return sendJson(res, 200, { status: 'success', data: reply.data });
  const headers = { 'content-type': reply.contentType, 'content-length': reply.bytes.length, 'content-disposition': `attachment; filename="${reply.filename}"` };
  res.writeHead(200, headers);
  if (fault?.kind === 'close-mid-body') {
    res.write(reply.bytes.subarray(0, Math.floor(reply.bytes.length / 2)));
    res.socket?.destroy();
    return;
  }
  res.end(reply.bytes);
}

export function sendError(res: ServerResponse, error: SandboxError): void {
  sendJson(res, error.status, { status: 'error', error_code: error.code, error_message: error.message });
}

export function sendPlain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/** Where the real server panics: no reply at all, or (panics switched off) a SANDBOX_PANIC envelope saying so. */
export function sendPanic(req: IncomingMessage, res: ServerResponse, panic: SandboxPanic, dropConnection: boolean): void {
  if (dropConnection) {
    req.socket.destroy();
    return;
  }
  sendError(res, new SandboxError('SANDBOX_PANIC', `the real server drops the connection here: ${panic.message}`));
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`;
}
