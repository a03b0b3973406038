// Serves the built renderer's files, confined to their folder.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sep } from 'node:path';
import { contentTypeFor, fileInside } from '../shared/renderer-files.js';

/** Maps a URL path to a file inside `root`, or undefined when it is malformed or would leave it. */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  try {
    return fileInside(root, decodeURIComponent(urlPath)) ?? undefined;
  } catch {
    return undefined;
  }
}

export async function serveStaticFile(
  root: string,
  urlPath: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const file = resolveStaticPath(root, urlPath);
  const info = file === undefined ? undefined : await stat(file).catch(() => undefined);
  if (file === undefined || info === undefined || !info.isFile()) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('Not found.\n');
    return;
  }
  const isEntryPage = file.endsWith(`${sep}index.html`);
  response.writeHead(200, {
    'Content-Type': contentTypeFor(file),
    'Content-Length': info.size,
    // Vite names assets by content hash, so they may be cached; the entry page must not be.
    'Cache-Control': isEntryPage ? 'no-store' : 'private, max-age=31536000, immutable',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(file).pipe(response);
}
