// Downloading a request's artifacts (succinct-network.md §4.4): the HTTPS public URI (or a presigned stdin
// URL), 90 s per try and 5 tries with backoff, size-capped. Artifacts are zstd frames when they start with the
// zstd magic and are unwrapped then, with the same cap on what comes out, so a hostile frame cannot fill memory.
import { Decompress } from 'fzstd';
import { HttpClient } from '../../net/http-client.js';

const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

export class ArtifactError extends Error {}

/** §4.4: 90 s timeout, 5 attempts, backoff from 1 s doubling. */
export function artifactHttpClient(): HttpClient {
  return new HttpClient({ timeoutMs: 90_000, retries: 4, retryBaseMs: 1_000, retryMaxMs: 16_000 });
}

export async function downloadArtifact(http: HttpClient, url: string, maxBytes: number, what: string, signal?: AbortSignal): Promise<Uint8Array> {
  if (!/^https?:\/\//.test(url)) throw new ArtifactError(`the ${what} has no downloadable address (got "${url.slice(0, 100)}")`);
  const bytes = await http.download(url, maxBytes, signal);
  return unwrapZstd(bytes, maxBytes, what);
}

export function isZstd(bytes: Uint8Array): boolean {
  return ZSTD_MAGIC.every((byte, i) => bytes[i] === byte);
}

/** The content of a zstd frame (or the bytes themselves when they are not one), at most maxBytes of it. */
export function unwrapZstd(bytes: Uint8Array, maxBytes: number, what: string): Uint8Array {
  if (!isZstd(bytes)) return bytes;
  const chunks: Uint8Array[] = [];
  let size = 0;
  const stream = new Decompress((chunk) => {
    size += chunk.length;
    if (size > maxBytes) throw new ArtifactError(`the ${what} unpacks to more than the ${maxBytes}-byte limit`);
    chunks.push(chunk);
  });
  try {
    stream.push(bytes, true);
  } catch (error) {
    if (error instanceof ArtifactError) throw error;
    throw new ArtifactError(`the ${what} is not a valid zstd frame: ${error instanceof Error ? error.message : String(error)}`);
  }
  return Buffer.concat(chunks);
}
