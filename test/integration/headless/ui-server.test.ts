// The headless UI server with the real core (real SQLite file, real keychain, real sampler) on loopback.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../../src-main/core/core.js';
import { loadOrCreateAccessToken } from '../../../src-main/headless/access-token.js';
import { startUiServer, type UiServer } from '../../../src-main/headless/ui-server.js';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function raw(
  server: UiServer,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; host?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: options.host ?? '127.0.0.1',
        port: server.port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('headless UI server', () => {
  let dataDir: string;
  let core: Core;
  let server: UiServer;
  let token: string;
  const auth = () => ({ Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' });
  const rpc = (body: unknown, headers: Record<string, string> = auth()) =>
    raw(server, '/api/v1/rpc', { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'proverdesk-ui-'));
    const staticDir = join(dataDir, 'ui');
    mkdirSync(join(staticDir, 'assets'), { recursive: true });
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>ProverDesk</title>');
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    core = await startCore({
      dataDir,
      mode: 'headless',
      appVersion: '0.0.0-test',
      sampleIntervalMs: 200,
      keychainService: `ProverDesk-test-${randomUUID()}`,
    });
    token = loadOrCreateAccessToken(dataDir);
    server = await startUiServer({ core, token, staticDir, port: 0 });
  });

  afterAll(async () => {
    await server?.close();
    await core?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the token in a file only its owner can read, and reuses it', () => {
    expect(statSync(join(dataDir, 'ui-token')).mode & 0o777).toBe(0o600);
    expect(loadOrCreateAccessToken(dataDir)).toBe(token);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('answers 401 without the token, for pages, assets and the API', async () => {
    const page = await raw(server, '/');
    expect(page.status).toBe(401);
    expect(page.body).toMatch(/token/);
    expect((await raw(server, '/assets/app.js')).status).toBe(401);
    expect((await raw(server, '/?token=wrong')).status).toBe(401);
    const api = await rpc({ v: 1, kind: 'query', name: 'app.info' }, { 'Content-Type': 'application/json' });
    expect(api.status).toBe(401);
    expect((await rpc({ v: 1, kind: 'query', name: 'app.info' }, { Authorization: 'Bearer nope', 'Content-Type': 'application/json' })).status).toBe(401);
  });

  it('serves the page with the token and sets a cookie that authorizes its assets', async () => {
    const page = await raw(server, `/?token=${token}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const cookie = String(page.headers['set-cookie']).split(';')[0] ?? '';
    expect(page.headers['set-cookie']?.toString()).toMatch(/HttpOnly; SameSite=Strict/);
    const asset = await raw(server, '/assets/app.js', { headers: { Cookie: cookie } });
    expect(asset.status).toBe(200);
    expect(asset.body).toBe('console.log(1)');
  });

  it('refuses other origins and host names (DNS rebinding)', async () => {
    const body = { v: 1, kind: 'query', name: 'app.info' };
    expect((await rpc(body, { ...auth(), Origin: 'http://evil.example' })).status).toBe(403);
    expect((await rpc(body, { ...auth(), Origin: `http://127.0.0.1:${server.port}` })).status).toBe(200);
    const rebound = await raw(server, '/api/v1/rpc', {
      method: 'POST',
      headers: { ...auth(), Host: `evil.example:${server.port}` },
      body: JSON.stringify(body),
    });
    expect(rebound.status).toBe(421);
  });

  it('listens on 127.0.0.1 only', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((n) => n && n.family === 'IPv4' && !n.internal);
    if (!external) return; // a machine with loopback only has nothing else to try
    await expect(raw(server, '/', { host: external.address })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('answers API calls with the core contract', async () => {
    const answer = await rpc({ v: 1, kind: 'query', name: 'app.info' });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: true, result: { appVersion: '0.0.0-test', dataDir } });
  });

  it('gives malformed messages a 400 with a clear reason and changes nothing', async () => {
    const before = JSON.parse((await rpc({ v: 1, kind: 'query', name: 'secrets.status' })).body);
    const notJson = await rpc('{"v":1,');
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body).error.message).toMatch(/not valid JSON/);
    const badInput = await rpc({ v: 1, kind: 'command', name: 'secrets.set', input: { account: '', secret: 'x' } });
    expect(badInput.status).toBe(400);
    expect(JSON.parse(badInput.body).error.message).toMatch(/account must not be empty/);
    const unknown = await rpc({ v: 1, kind: 'command', name: 'jobs.deleteAll', input: {} });
    expect(unknown.status).toBe(400);
    expect((await rpc('{}', { Authorization: `Bearer ${token}`, 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await rpc(JSON.stringify({ pad: 'x'.repeat(1_100_000) }))).status).toBe(413);
    const after = JSON.parse((await rpc({ v: 1, kind: 'query', name: 'secrets.status' })).body);
    expect(after).toEqual(before);
  });

  it('does not serve files outside the UI folder', async () => {
    writeFileSync(join(dataDir, 'outside.txt'), 'private');
    for (const path of ['/../outside.txt', '/%2e%2e/outside.txt', '/assets/..%2f..%2foutside.txt']) {
      const res = await raw(server, path, { headers: auth() });
      expect(res.status).toBe(404);
      expect(res.body).not.toContain('private');
    }
  });

  it('streams hardware samples as server-sent events', async () => {
    const first = await new Promise<{ name: string; payload: { cpu: { loadPct: number } } }>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: server.port, path: '/api/v1/events', headers: { Authorization: `Bearer ${token}` } },
        (res) => {
          expect(res.headers['content-type']).toBe('text/event-stream');
          let buffer = '';
          res.on('data', (chunk: Buffer) => {
            buffer += chunk.toString();
            const match = /^data: (.+)$/m.exec(buffer);
            if (match?.[1]) {
              req.destroy();
              resolve(JSON.parse(match[1]));
            }
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(first.name).toBe('hardware.sample');
    expect(first.payload.cpu.loadPct).toBeGreaterThanOrEqual(0);
  });
});
