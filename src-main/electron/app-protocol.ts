// Serves the built renderer on `app://proverdesk/` (registered with Electron's `protocol.handle`). Plain
// fetch Request/Response in and out, so it needs no Electron and runs the same under test.
import { readFile, stat } from 'node:fs/promises';
import { CONTENT_SECURITY_POLICY, contentTypeFor, fileInside } from '../shared/renderer-files.js';
import { APP_HOST, APP_SCHEME } from './app-origin.js';

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
};

/**
 * The file under `rootDir` that `url` names, or null when the URL is not the app's, cannot be decoded,
 * or would leave `rootDir` (`..`, encoded slashes, NUL bytes). `/` means `index.html`.
 */
export function resolveAppFile(rootDir: string, url: string): string | null {
  let parsed: URL;
  let pathname: string;
  try {
    parsed = new URL(url);
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  return fileInside(rootDir, pathname);
}

function textResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/** A `protocol.handle` handler answering GET/HEAD with files from `rootDir`, and 404 for anything else there. */
export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed');
    const file = resolveAppFile(rootDir, request.url);
    if (file === null) return textResponse(404, 'Not found');
    try {
      if (!(await stat(file)).isFile()) return textResponse(404, 'Not found');
      const body = await readFile(file);
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeFor(file), 'Content-Length': String(body.length) },
      });
    } catch {
      return textResponse(404, 'Not found');
    }
  };
}
