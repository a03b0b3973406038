// The `proverdesk` command as a user runs it: a real process from the build (npm test builds first).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

const BIN = join(process.cwd(), 'bin', 'proverdesk.js');
const URL_LINE = /^ProverDesk UI: (http:\/\/127\.0\.0\.1:(\d+)\/)\?token=([A-Za-z0-9_-]+)$/m;

interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running: ChildProcess[] = [];

function run(args: string[], command: string[] = [process.execPath, BIN]): Running {
  const [file = '', ...prefix] = command;
  // Its own process group, so a test can press Ctrl-C for the whole group as a terminal does.
  const child = spawn(file, [...prefix, ...args], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  running.push(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function waitForUrl(app: Running): Promise<{ base: string; port: number; token: string }> {
  for (let i = 0; i < 600; i++) {
    const match = URL_LINE.exec(app.stdout());
    if (match) return { base: match[1]!, port: Number(match[2]), token: match[3]! };
    if (app.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no UI line; stdout:\n${app.stdout()}\nstderr:\n${app.stderr()}`);
}

const freshDir = () => mkdtempSync(join(tmpdir(), 'proverdesk-cli-'));

describe('proverdesk CLI', () => {
  beforeAll(() => {
    if (!existsSync(join(process.cwd(), 'dist', 'main', 'headless', 'cli.js'))) {
      throw new Error('the build is missing: run "npm run build" first (npm test does)');
    }
  });
  afterEach(() => {
    for (const child of running.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
    }
  });

  // Not through npx: in a fresh npx cache, npx installs this folder as a package and runs its prepare script.
  it('lists its commands with --help', async () => {
    const app = run(['--help']);
    expect((await app.exited).code).toBe(0);
    expect(app.stdout()).toMatch(/start\s+Start ProverDesk/);
    expect(app.stdout()).toMatch(/--data-dir DIR/);
  });

  it('refuses an unknown option with a clear message', async () => {
    const app = run(['start', '--headless', '--colour']);
    expect((await app.exited).code).toBe(2);
    expect(app.stderr()).toMatch(/Unknown option '--colour'.*proverdesk --help/);
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`runs headless in the given data dir and stops cleanly on ${signal}`, async () => {
      const dataDir = freshDir();
      const app = run(['start', '--headless', '--data-dir', dataDir, '--port', '0', '--sample-interval-ms', '200']);
      const { base, token } = await waitForUrl(app);
      expect(readFileSync(join(dataDir, 'ui-token'), 'utf8').trim()).toBe(token);
      expect((await fetch(base)).status).toBe(401);
      const info = await fetch(`${base}api/v1/rpc`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ v: 1, kind: 'query', name: 'app.info' }),
      });
      expect(await info.json()).toMatchObject({ ok: true, result: { dataDir, mode: 'headless' } });
      await new Promise((r) => setTimeout(r, 500)); // let a few samples be written

      app.child.kill(signal);
      expect(await app.exited).toEqual({ code: 0, signal: null });
      // A clean close checkpoints the WAL and removes it; the database is whole.
      const dbFile = join(dataDir, 'proverdesk.db');
      expect(existsSync(`${dbFile}-wal`)).toBe(false);
      const db = new Database(dbFile, { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
      rmSync(dataDir, { recursive: true, force: true });
    });
  }

  it('honours --port', async () => {
    const dataDir = freshDir();
    const port = 20_000 + (randomBytes(2).readUInt16BE() % 20_000);
    const app = run(['start', '--headless', '--data-dir', dataDir, '--port', String(port)]);
    expect((await waitForUrl(app)).port).toBe(port);
    app.child.kill('SIGTERM');
    expect((await app.exited).code).toBe(0);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('`npm start` falls back to headless with one line when Electron cannot be had, and stops on Ctrl-C', async () => {
    const dataDir = freshDir();
    const app = run(['--', '--data-dir', dataDir, '--port', '0'], ['npm', 'start', '--silent']);
    await waitForUrl(app);
    const lines = app.stdout().trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Electron is not available \(.+\); running headless\.$/);
    process.kill(-app.child.pid!, 'SIGINT');
    await app.exited;
    expect(app.stderr()).toMatch(/SIGINT received, stopping/);
    expect(existsSync(join(dataDir, 'proverdesk.db-wal'))).toBe(false);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('names the database file when it is corrupted, and leaves it as it was', async () => {
    const dataDir = freshDir();
    const dbFile = join(dataDir, 'proverdesk.db');
    const garbage = randomBytes(8192);
    writeFileSync(dbFile, garbage);
    const app = run(['start', '--headless', '--data-dir', dataDir]);
    expect((await app.exited).code).toBe(1);
    expect(app.stderr()).toContain(dbFile);
    expect(app.stderr()).toMatch(/ProverDesk could not start: .*not a database/);
    expect(readFileSync(dbFile).equals(garbage)).toBe(true);
    rmSync(dataDir, { recursive: true, force: true });
  });
});
