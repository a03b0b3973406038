import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FETCH_MARKER_FILE,
  launchElectron,
  locateElectron,
  summarizeInstallFailure,
} from '../../../src-main/headless/electron-launcher.js';
import { findPackage } from '../../../src-main/headless/package-root.js';

const REAL_ELECTRON_PACKAGE = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
const DAY_MS = 24 * 60 * 60 * 1000;

let temp: string;
let stateDir: string;
let logged: string[];
const log = (line: string) => logged.push(line);

beforeEach(async () => {
  temp = await mkdtemp(join(tmpdir(), 'proverdesk-electron-launcher-'));
  stateDir = join(temp, 'state');
  logged = [];
});

afterEach(async () => {
  await rm(temp, { recursive: true, force: true });
});

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

function realBinaryInstalled(): boolean {
  const pathFile = join(REAL_ELECTRON_PACKAGE, 'path.txt');
  if (!existsSync(pathFile)) return false;
  return existsSync(join(REAL_ELECTRON_PACKAGE, 'dist', readFileSync(pathFile, 'utf8').trim()));
}
const BINARY_INSTALLED = realBinaryInstalled();

/** An electron package folder whose install.js runs `installBody` (plain Node, CommonJS). */
async function fakePackage(installBody: string): Promise<string> {
  const dir = join(temp, 'electron');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'electron', version: '39.0.0' }));
  await writeFile(join(dir, 'install.js'), installBody);
  return dir;
}

const INSTALLS_BINARY = `
const fs = require('fs'), path = require('path');
fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
fs.writeFileSync(path.join(__dirname, 'dist', 'electron'), '#!/bin/sh\\n', { mode: 0o755 });
fs.writeFileSync(path.join(__dirname, 'path.txt'), 'electron');
`;

describe('locateElectron with the electron package installed here (binary download disabled, network closed)', () => {
  it.skipIf(BINARY_INSTALLED)(
    'tries the download once, says why it failed in one line, and records the attempt',
    async () => {
      const first = await locateElectron({ fetchOnce: true, stateDir, log });
      expect(first.kind).toBe('unavailable');
      const reason = first.kind === 'unavailable' ? first.reason : '';
      expect(reason).toMatch(/^Electron's binary is not installed and could not be downloaded \(.+\)$/);
      expect(reason).not.toContain('\n');
      expect(logged).toHaveLength(1);

      const marker = await readFile(join(stateDir, FETCH_MARKER_FILE), 'utf8');
      const attempt = JSON.parse(marker) as { attemptedAtMs: number; installed: boolean; reason: string };
      expect(attempt.installed).toBe(false);
      expect(attempt.attemptedAtMs).toBeLessThanOrEqual(Date.now());
      expect(reason).toContain(attempt.reason);

      const second = await locateElectron({ fetchOnce: true, stateDir, log });
      expect(second.kind).toBe('unavailable');
      expect(second.kind === 'unavailable' && second.reason).toContain(attempt.reason);
      expect(second.kind === 'unavailable' && second.reason).toContain('next try after');
      expect(logged).toHaveLength(1); // no second attempt
      expect(await readFile(join(stateDir, FETCH_MARKER_FILE), 'utf8')).toBe(marker);
    },
  );

  it.skipIf(BINARY_INSTALLED)('does not try to download without fetchOnce', async () => {
    const result = await locateElectron({ fetchOnce: false, stateDir, log });
    expect(result).toEqual({ kind: 'unavailable', reason: "Electron's binary is not installed" });
    expect(logged).toEqual([]);
    expect(await exists(join(stateDir, FETCH_MARKER_FILE))).toBe(false);
  });
});

describe('locateElectron with a package folder of its own', () => {
  it('finds a binary that path.txt names, without running install.js', async () => {
    const packageDir = await fakePackage('process.exit(1)');
    await mkdir(join(packageDir, 'dist'));
    await writeFile(join(packageDir, 'dist', 'electron'), '#!/bin/sh\n', { mode: 0o755 });
    await writeFile(join(packageDir, 'path.txt'), 'electron');

    const result = await locateElectron({ fetchOnce: true, stateDir, log, packageDir });
    expect(result).toEqual({ kind: 'found', executable: join(packageDir, 'dist', 'electron') });
    expect(logged).toEqual([]);
    expect(await exists(join(stateDir, FETCH_MARKER_FILE))).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('does not count a file that cannot be executed', async () => {
    const packageDir = await fakePackage('process.exit(1)');
    await mkdir(join(packageDir, 'dist'));
    await writeFile(join(packageDir, 'dist', 'electron'), 'not executable', { mode: 0o644 });
    await writeFile(join(packageDir, 'path.txt'), 'electron');
    expect((await locateElectron({ fetchOnce: false, stateDir, log, packageDir })).kind).toBe('unavailable');
  });

  it('finds the binary the install script has just downloaded', async () => {
    const packageDir = await fakePackage(INSTALLS_BINARY);
    const result = await locateElectron({ fetchOnce: true, stateDir, log, packageDir });
    expect(result).toEqual({ kind: 'found', executable: join(packageDir, 'dist', 'electron') });
    const attempt = JSON.parse(await readFile(join(stateDir, FETCH_MARKER_FILE), 'utf8')) as { installed: boolean };
    expect(attempt.installed).toBe(true);
  });

  it('reports the error line of a failing install script', async () => {
    const packageDir = await fakePackage(
      "console.error('RequestError: getaddrinfo ENOTFOUND github.com\\n    at ClientRequest.<anonymous> (x.js:1:1)'); process.exit(1);",
    );
    const result = await locateElectron({ fetchOnce: true, stateDir, log, packageDir });
    expect(result).toEqual({
      kind: 'unavailable',
      reason: "Electron's binary is not installed and could not be downloaded (getaddrinfo ENOTFOUND github.com)",
    });
  });

  it('ends an install script that hangs when the timeout passes', async () => {
    const packageDir = await fakePackage('setInterval(() => {}, 1000);');
    const result = await locateElectron({ fetchOnce: true, stateDir, log, packageDir, fetchTimeoutMs: 1000 });
    expect(result).toEqual({
      kind: 'unavailable',
      reason: "Electron's binary is not installed and could not be downloaded (the download did not finish within 1 s)",
    });
    expect(await exists(join(stateDir, FETCH_MARKER_FILE))).toBe(true);
  });

  it('tries again once the last attempt is more than a day old', async () => {
    const packageDir = await fakePackage(INSTALLS_BINARY);
    await mkdir(stateDir, { recursive: true });
    const old = { attemptedAtMs: Date.now() - DAY_MS - 60_000, installed: false, reason: 'offline' };
    await writeFile(join(stateDir, FETCH_MARKER_FILE), JSON.stringify(old));

    const result = await locateElectron({ fetchOnce: true, stateDir, log, packageDir });
    expect(result.kind).toBe('found');
    const attempt = JSON.parse(await readFile(join(stateDir, FETCH_MARKER_FILE), 'utf8')) as { attemptedAtMs: number };
    expect(attempt.attemptedAtMs).toBeGreaterThan(old.attemptedAtMs);
  });

  it('waits a day after a recent failed attempt even when the script would now succeed', async () => {
    const packageDir = await fakePackage(INSTALLS_BINARY);
    await mkdir(stateDir, { recursive: true });
    const recent = { attemptedAtMs: Date.now() - 60_000, installed: false, reason: 'offline' };
    await writeFile(join(stateDir, FETCH_MARKER_FILE), JSON.stringify(recent));

    const result = await locateElectron({ fetchOnce: true, stateDir, log, packageDir });
    expect(result.kind).toBe('unavailable');
    expect(result.kind === 'unavailable' && result.reason).toContain('(offline)');
    expect(await exists(join(packageDir, 'path.txt'))).toBe(false);
  });

  it('treats an unreadable marker as no attempt and replaces it', async () => {
    const packageDir = await fakePackage(INSTALLS_BINARY);
    await mkdir(stateDir, { recursive: true });
    await writeFile(join(stateDir, FETCH_MARKER_FILE), '{ not json');
    expect((await locateElectron({ fetchOnce: true, stateDir, log, packageDir })).kind).toBe('found');
    await expect(readFile(join(stateDir, FETCH_MARKER_FILE), 'utf8').then(JSON.parse)).resolves.toMatchObject({
      installed: true,
    });
  });
});

describe('summarizeInstallFailure', () => {
  it('takes the message of the first error line, else the last line that is not a stack frame', () => {
    expect(summarizeInstallFailure('HTTPError: Response code 404 (Not Found)\n    at x (y.js:1:1)\n')).toBe(
      'Response code 404 (Not Found)',
    );
    expect(summarizeInstallFailure('Downloading...\nEACCES writing dist\n   at z\n')).toBe('EACCES writing dist');
    expect(summarizeInstallFailure('\n\n')).toBeNull();
    expect(summarizeInstallFailure(`Error: ${'x'.repeat(500)}`)?.length).toBe(200);
  });
});

describe.skipIf(process.platform === 'win32')('launchElectron', () => {
  /** A stand-in for the Electron binary: records its arguments and environment, then exits or waits. */
  async function fakeExecutable(): Promise<string> {
    const file = join(temp, 'fake-electron');
    await writeFile(
      file,
      `#!/bin/sh
printf '%s\\n' "$@" > '${temp}/args.txt'
printf '%s' "\${ELECTRON_RUN_AS_NODE-unset}" > '${temp}/env.txt'
if [ "$2" != "--wait" ]; then exit 3; fi
trap 'echo TERM > "${temp}/signal.txt"; exit 0' TERM
echo ready > '${temp}/ready.txt'
while :; do sleep 0.05; done
`,
    );
    await chmod(file, 0o755);
    return file;
  }

  const closed = (child: ReturnType<typeof launchElectron>) =>
    new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));

  it('starts Electron on the ProverDesk package with the arguments, never as plain Node', async () => {
    const previous = process.env.ELECTRON_RUN_AS_NODE;
    process.env.ELECTRON_RUN_AS_NODE = '1';
    try {
      const child = launchElectron(await fakeExecutable(), ['--data-dir', '/srv/prover data']);
      expect(await closed(child)).toBe(3);
    } finally {
      if (previous === undefined) delete process.env.ELECTRON_RUN_AS_NODE;
      else process.env.ELECTRON_RUN_AS_NODE = previous;
    }
    const args = (await readFile(join(temp, 'args.txt'), 'utf8')).split('\n').slice(0, -1);
    const root = findPackage().root;
    expect(args).toEqual([root, '--data-dir', '/srv/prover data']);
    const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { main: string };
    expect(manifest.main).toBe('dist/main/electron/main.js');
    expect(await readFile(join(temp, 'env.txt'), 'utf8')).toBe('unset');
    expect(process.listenerCount('SIGTERM')).toBe(0);
  });

  it('passes SIGTERM on to Electron and stops listening once it has exited', async () => {
    const before = process.listenerCount('SIGTERM');
    const child = launchElectron(await fakeExecutable(), ['--wait']);
    const exit = closed(child);
    while (!(await exists(join(temp, 'ready.txt')))) await new Promise((resolve) => setTimeout(resolve, 20));
    // Without the launcher's listener this signal would end the test process itself.
    expect(process.listenerCount('SIGTERM')).toBe(before + 1);
    process.kill(process.pid, 'SIGTERM');
    expect(await exit).toBe(0);
    expect(await readFile(join(temp, 'signal.txt'), 'utf8')).toBe('TERM\n');
    expect(process.listenerCount('SIGTERM')).toBe(before);
    expect(process.listenerCount('SIGINT')).toBe(0);
  });
});
