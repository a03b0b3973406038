// Finds Electron's binary for `proverdesk start` and starts the desktop app with it. The binary is
// downloaded by the electron package's own install script, which this repo does not run at npm install
// time; when it is missing, one download is tried, and not again for a day if it fails.
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { findPackage } from './package-root.js';

export const FETCH_MARKER_FILE = 'electron-fetch-attempt.json';
const FETCH_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;
const DEFAULT_FETCH_TIMEOUT_MS = 120_000;
const MAX_REASON_LENGTH = 200;

export interface LocateElectronOptions {
  /** Try the package's install script once (per 24 h) when the binary is missing. */
  fetchOnce: boolean;
  /** Where the record of the last download attempt is kept. */
  stateDir: string;
  log: (line: string) => void;
  /** The `electron` package folder; found with Node's module resolution when not given. */
  packageDir?: string;
  fetchTimeoutMs?: number;
}

export type ElectronLocation = { kind: 'found'; executable: string } | { kind: 'unavailable'; reason: string };

interface FetchAttempt {
  attemptedAtMs: number;
  installed: boolean;
  reason: string | null;
}

export async function locateElectron(options: LocateElectronOptions): Promise<ElectronLocation> {
  const packageDir = options.packageDir ?? resolveElectronPackage();
  if (packageDir === null) return unavailable('the electron package is not installed (run npm install)');
  const installed = await findInstalledBinary(packageDir);
  if (installed !== null) return { kind: 'found', executable: installed };
  if (!options.fetchOnce) return unavailable("Electron's binary is not installed");

  const markerFile = join(options.stateDir, FETCH_MARKER_FILE);
  const last = await readFetchAttempt(markerFile);
  const now = Date.now();
  if (last !== null && now - last.attemptedAtMs >= 0 && now - last.attemptedAtMs < FETCH_RETRY_AFTER_MS) {
    const retryAt = new Date(last.attemptedAtMs + FETCH_RETRY_AFTER_MS).toISOString();
    return unavailable(
      `Electron's binary is not installed and could not be downloaded (${last.reason ?? 'not installed'}); ` +
        `next try after ${retryAt}`,
    );
  }

  options.log("Electron's binary is not installed; trying once to download it...");
  const failure = await runInstallScript(packageDir, options.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS);
  const fetched = await findInstalledBinary(packageDir);
  const reason = fetched !== null ? null : (failure ?? 'the install script finished without installing it');
  try {
    await recordFetchAttempt(markerFile, { attemptedAtMs: now, installed: fetched !== null, reason });
  } catch (error) {
    options.log(`Could not record the download attempt in ${markerFile}: ${(error as Error).message}`);
  }
  if (fetched !== null) return { kind: 'found', executable: fetched };
  return unavailable(`Electron's binary is not installed and could not be downloaded (${reason})`);
}

/**
 * Starts the desktop app: Electron is given the ProverDesk package folder, so it reads package.json
 * (`main` is dist/main/electron/main.js, and the app's name sets the userData folder), then `args`.
 * SIGINT and SIGTERM sent to this process are passed on to Electron until it exits.
 */
export function launchElectron(executable: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): ChildProcess {
  const env = { ...process.env, ...extraEnv };
  delete env.ELECTRON_RUN_AS_NODE; // when set, Electron runs as plain Node instead of as an app
  const child = spawn(executable, [findPackage().root, ...args], { stdio: 'inherit', env });
  const forward = (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  // 'close' also comes after a failed spawn, where 'exit' does not.
  child.once('close', () => {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
  });
  return child;
}

const unavailable = (reason: string): ElectronLocation => ({ kind: 'unavailable', reason });

function resolveElectronPackage(): string | null {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** The binary that `path.txt` names under `dist/`, if it is there and executable (what index.js would return). */
async function findInstalledBinary(packageDir: string): Promise<string | null> {
  try {
    const relativePath = (await readFile(join(packageDir, 'path.txt'), 'utf8')).trim();
    if (relativePath === '') return null;
    const executable = join(packageDir, 'dist', relativePath);
    if (!(await stat(executable)).isFile()) return null;
    if (process.platform !== 'win32') await access(executable, constants.X_OK);
    return executable;
  } catch {
    return null;
  }
}

async function readFetchAttempt(file: string): Promise<FetchAttempt | null> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<FetchAttempt> | null;
    if (typeof parsed?.attemptedAtMs !== 'number' || !Number.isFinite(parsed.attemptedAtMs)) return null;
    return {
      attemptedAtMs: parsed.attemptedAtMs,
      installed: parsed.installed === true,
      reason: typeof parsed.reason === 'string' ? parsed.reason : null,
    };
  } catch {
    return null; // none yet, or unreadable: either way the next attempt may go ahead
  }
}

async function recordFetchAttempt(file: string, attempt: FetchAttempt): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(attempt)}\n`);
}

/** Runs the package's install.js; resolves null when it exits 0, else a one-line reason. */
function runInstallScript(packageDir: string, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    let output = '';
    let settled = false;
    const settle = (reason: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(reason);
    };
    const child = spawn(process.execPath, [join(packageDir, 'install.js')], {
      cwd: packageDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-16_384);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      settle(`the download did not finish within ${Math.round(timeoutMs / 1000)} s`);
    }, timeoutMs);
    child.on('error', (error) => settle(`could not run the install script: ${error.message}`));
    child.on('close', (code, signal) => {
      if (code === 0) settle(null);
      else settle(summarizeInstallFailure(output) ?? `the install script exited with ${code ?? signal}`);
    });
  });
}

/** The message of the first `SomethingError: message` line, else the last line that is not a stack frame. */
export function summarizeInstallFailure(output: string): string | null {
  const lines = output
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const errorLine = lines.map((line) => /^(?:[A-Za-z]+)?Error: (.+)$/.exec(line)?.[1]).find((m) => m !== undefined);
  const chosen = errorLine ?? lines.filter((line) => !line.startsWith('at ')).at(-1);
  if (chosen === undefined) return null;
  return chosen.length > MAX_REASON_LENGTH ? `${chosen.slice(0, MAX_REASON_LENGTH - 1)}…` : chosen;
}
