// The sandbox's artifact bucket over HTTP: public artifacts at /artifacts/<id> with Accept-Ranges and
// Content-Length (single byte ranges answered 206, as S3 does), private stdins only through a presigned URL
// that expires, and presigned PUT uploads for CreateArtifact. Artifacts may be served zstd-wrapped, as the
// network stores them.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from '../../../net/loopback-server.js';
import { zstdRawFrame } from './zstd-raw-frame.js';

export type ArtifactKind = 'programs' | 'stdins' | 'private-stdins' | 'uploads';

export interface ArtifactServer {
  url: string;
  /** Stores bytes and returns the artifact id (`artifact_<hex>`). */
  put(bytes: Uint8Array, kind: ArtifactKind): string;
  publicUri(id: string): string;
  /** A URL for a private artifact, valid until expiresAtS. */
  presigned(id: string, validForS: number): { url: string; expiresAtS: bigint };
  /** A URL to PUT a new artifact's bytes to. */
  uploadUrl(): { id: string; url: string };
  get(id: string): Uint8Array | undefined;
  close(): Promise<void>;
}

const MAX_UPLOAD_BYTES = 64 * 2 ** 20;

export async function startArtifactServer(options: { zstd: boolean; nowMs: () => number; port?: number }): Promise<ArtifactServer> {
  const secret = randomBytes(32);
  const stored = new Map<string, { bytes: Buffer; kind: ArtifactKind }>();
  const sign = (id: string, expires: string) => createHmac('sha256', secret).update(`${id}:${expires}`).digest('hex');

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(error instanceof Error ? error.message : String(error));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const [, area, id] = url.pathname.split('/');
    const artifact = id ? stored.get(id) : undefined;
    if (area === 'upload' && req.method === 'PUT' && id) {
      if (!validSignature(url, id)) return void text(res, 403, 'the upload URL is not valid or has expired');
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > MAX_UPLOAD_BYTES) return void text(res, 413, 'artifact too large');
        chunks.push(chunk);
      }
      stored.set(id, { bytes: Buffer.concat(chunks), kind: 'uploads' });
      return void text(res, 200, 'stored');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return void text(res, 405, 'method not allowed');
    if (!artifact || (area !== 'artifacts' && area !== 'private')) return void text(res, 404, 'NoSuchKey: the specified key does not exist');
    if (artifact.kind === 'private-stdins' && (area !== 'private' || !validSignature(url, id!))) {
      return void text(res, 403, 'AccessDenied: a private artifact needs a valid presigned URL');
    }
    const body = artifact.bytes;
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (range) {
      const start = Number(range[1]);
      const end = range[2] ? Math.min(Number(range[2]), body.length - 1) : body.length - 1;
      if (start > end) {
        res.writeHead(416, { 'content-range': `bytes */${body.length}` });
        return void res.end();
      }
      res.writeHead(206, { 'accept-ranges': 'bytes', 'content-length': end - start + 1, 'content-range': `bytes ${start}-${end}/${body.length}`, 'content-type': 'application/octet-stream' });
      return void res.end(req.method === 'HEAD' ? undefined : body.subarray(start, end + 1));
    }
    res.writeHead(200, { 'accept-ranges': 'bytes', 'content-length': body.length, 'content-type': 'application/octet-stream' });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  function validSignature(url: URL, id: string): boolean {
    const expires = url.searchParams.get('X-Amz-Expires-At') ?? '';
    const given = Buffer.from(url.searchParams.get('X-Amz-Signature') ?? '', 'hex');
    const wanted = Buffer.from(sign(id, expires), 'hex');
    return given.length === wanted.length && timingSafeEqual(given, wanted) && Number(expires) * 1000 > options.nowMs();
  }

  const listener = await listenOnLoopback(server, options.port ?? 0);
  const base = listener.url;
  const presign = (area: string, id: string, validForS: number) => {
    const expiresAtS = BigInt(Math.floor(options.nowMs() / 1000) + validForS);
    return { url: `${base}/${area}/${id}?X-Amz-Expires-At=${expiresAtS}&X-Amz-Signature=${sign(id, String(expiresAtS))}`, expiresAtS };
  };
  return {
    url: base,
    put(bytes, kind) {
      const id = `artifact_${randomBytes(13).toString('hex')}`;
      stored.set(id, { bytes: options.zstd ? zstdRawFrame(bytes) : Buffer.from(bytes), kind });
      return id;
    },
    publicUri: (id) => `${base}/artifacts/${id}`,
    presigned: (id, validForS) => presign('private', id, validForS),
    uploadUrl() {
      const id = `artifact_${randomBytes(13).toString('hex')}`;
      return { id, url: presign('upload', id, 3600).url };
    },
    get: (id) => stored.get(id)?.bytes,
    close: () => listener.close(),
  };
}

function text(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(message);
}
