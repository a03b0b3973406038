// `proverdesk <command>`: the command line. `start` is what `npm start` runs.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../core/data-dir.js';
import { runHeadless } from './daemon.js';
import { launchElectron, locateElectron } from './electron-launcher.js';
import { SQLITE_BINDING_ENV } from '../electron/launch-args.js';
import { ensureSqliteBinding } from './electron-natives.js';
import { findPackage } from './package-root.js';

const HELP = `ProverDesk: a desktop prover for zero-knowledge proof markets.

Usage: proverdesk <command> [options]

Commands:
  start      Start ProverDesk: the desktop window where Electron is available, else headless.
  help       Show this help.

Options for start:
  --headless               Run without a window; serve the UI on 127.0.0.1 and print its address.
  --data-dir DIR           Keep data in DIR (default: ${defaultDataDir()}).
  --port N                 Port for the headless UI (default 0: any free port).
  --sample-interval-ms N   How often hardware is sampled (default 2000).
  --version                Print the version.
`;

export async function main(argv: string[]): Promise<number> {
  const [command = 'help', ...rest] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(HELP);
    return 0;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${findPackage().version}\n`);
    return 0;
  }
  if (command === 'start') return start(rest);
  process.stderr.write(`proverdesk: unknown command '${command}'. Run "proverdesk --help" for the list.\n`);
  return 2;
}

async function start(args: string[]): Promise<number> {
  const values = parseStartArgs(args);
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const port = parseInteger('--port', values.port, 0, 65_535);
  const sampleIntervalMs =
    values['sample-interval-ms'] === undefined
      ? undefined
      : parseInteger('--sample-interval-ms', values['sample-interval-ms'], 100, 3_600_000);

  if (!values.headless) {
    const desktop = await startDesktop(dataDir);
    if (typeof desktop === 'number') return desktop;
    process.stdout.write(`Electron is not available (${desktop.reason}); running headless.\n`);
  }
  await runHeadless({ dataDir, port, ...(sampleIntervalMs === undefined ? {} : { sampleIntervalMs }) });
  return 0;
}

/** Runs the desktop app to its end (its exit code), or says why it cannot start here. */
async function startDesktop(dataDir: string): Promise<number | { reason: string }> {
  const electron = await locateElectron({
    fetchOnce: true,
    stateDir: dataDir,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  if (electron.kind === 'unavailable') return { reason: electron.reason };
  const sqliteBinding = await buildSqliteForElectron();
  if (typeof sqliteBinding !== 'string') return sqliteBinding;
  const child = launchElectron(electron.executable, ['--data-dir', dataDir], { [SQLITE_BINDING_ENV]: sqliteBinding });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal === null ? 0 : 1)));
  });
}

/** The SQLite module built for the installed Electron, or why it could not be built. */
async function buildSqliteForElectron(): Promise<string | { reason: string }> {
  const pkg = findPackage();
  const require = createRequire(import.meta.url);
  const { version } = require('electron/package.json') as { version: string };
  try {
    return await ensureSqliteBinding(
      { runtime: 'electron', version, arch: process.arch },
      {
        cacheDir: join(pkg.root, 'node_modules', '.cache', 'proverdesk-electron-natives'),
        log: (line) => process.stderr.write(`${line}\n`),
      },
    );
  } catch (error) {
    return { reason: `the SQLite module could not be built for Electron ${version}: ${(error as Error).message}` };
  }
}

function parseStartArgs(args: string[]) {
  try {
    return parseArgs({
      args,
      strict: true,
      options: {
        headless: { type: 'boolean', default: false },
        'data-dir': { type: 'string' },
        port: { type: 'string', default: '0' },
        'sample-interval-ms': { type: 'string' },
      },
    }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/\.?$/, '.')} Run "proverdesk --help" for the options.`);
  }
}

function parseInteger(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max} (got '${text}')`);
  }
  return value;
}

export class UsageError extends Error {}

export function describeStartupError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return 'the port is already in use; pick another with --port, or 0 for any free port';
  return error instanceof Error ? error.message : String(error);
}
