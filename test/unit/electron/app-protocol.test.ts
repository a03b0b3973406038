import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, resolveAppFile } from '../../../src-main/electron/app-protocol.js';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/shared/renderer-files.js';

let base: string;
let root: string;
let handle: (request: Request) => Promise<Response>;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'proverdesk-app-protocol-'));
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><script type="module" src="/assets/app.js"></script>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log("hi")');
  await writeFile(join(root, 'assets', 'app.css'), 'body{}');
  await writeFile(join(root, 'assets', 'font.woff2'), 'woff2');
  await writeFile(join(root, 'assets', 'blob.bin'), 'x');
  await writeFile(join(base, 'secret.txt'), 'outside the renderer folder');
  await mkdir(join(base, 'renderer-evil'));
  await writeFile(join(base, 'renderer-evil', 'x.js'), 'sibling folder');
  handle = createAppProtocolHandler(root);
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const get = (url: string, init?: RequestInit) => handle(new Request(url, init));

describe('app:// protocol handler', () => {
  it('serves index.html with the CSP and the right content type', async () => {
    const response = await get('app://proverdesk/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('/assets/app.js');
  });

  it('serves index.html for the bare origin', async () => {
    const response = await get('app://proverdesk/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<!doctype html>');
  });

  it.each([
    ['assets/app.js', 'text/javascript; charset=utf-8'],
    ['assets/app.css', 'text/css; charset=utf-8'],
    ['assets/font.woff2', 'font/woff2'],
    ['assets/blob.bin', 'application/octet-stream'],
  ])('serves %s as %s', async (path, type) => {
    const response = await get(`app://proverdesk/${path}?v=1#frag`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers HEAD without a body', async () => {
    const response = await get('app://proverdesk/assets/app.js', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String('console.log("hi")'.length));
    expect(await response.text()).toBe('');
  });

  it.each([
    ['a missing file', 'app://proverdesk/nope.js'],
    ['a folder', 'app://proverdesk/assets'],
    ['a dot-dot escape', 'app://proverdesk/../secret.txt'],
    ['an encoded dot-dot escape', 'app://proverdesk/%2e%2e/secret.txt'],
    ['an encoded slash escape', 'app://proverdesk/..%2Fsecret.txt'],
    ['a double-encoded escape', 'app://proverdesk/%252e%252e%252fsecret.txt'],
    ['a backslash escape', 'app://proverdesk/..%5Csecret.txt'],
    ['a sibling folder sharing the prefix', 'app://proverdesk/..%2Frenderer-evil/x.js'],
    ['a NUL byte', 'app://proverdesk/index.html%00.js'],
    ['a malformed escape', 'app://proverdesk/%E0%A4%A'],
    ['another host', 'app://other/index.html'],
    ['another scheme', 'file:///index.html'],
  ])('answers 404 for %s', async (_label, url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toBe('Not found');
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await get('app://proverdesk/index.html', { method: 'POST', body: 'x' });
    expect(response.status).toBe(405);
  });
});

describe('resolveAppFile', () => {
  it('maps app paths into the folder', () => {
    expect(resolveAppFile(root, 'app://proverdesk/assets/app.js')).toBe(join(root, 'assets', 'app.js'));
    expect(resolveAppFile(root, 'app://proverdesk/a%20b.js')).toBe(join(root, 'a b.js'));
    expect(resolveAppFile(root, 'app://proverdesk/')).toBe(join(root, 'index.html'));
  });

  it('never names the folder itself or anything above it', () => {
    expect(resolveAppFile(root, 'app://proverdesk/.')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://proverdesk/assets/..%2F..%2Fsecret.txt')).toBeNull();
    expect(resolveAppFile(root, 'not a url')).toBeNull();
  });
});
