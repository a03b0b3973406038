// better-sqlite3 is a NAN module, so the build `npm install` makes for Node does not load in Electron.
// Before a source checkout starts Electron, this builds a second copy for Electron's ABI with node-gyp into
// a cache folder (once per Electron version), leaving node_modules usable by Node (headless, tests).
// keytar is Node-API and loads in both as it is. Packaged apps get theirs from the afterPack hook (package-natives.ts).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';

export interface NativeTarget {
  runtime: 'electron' | 'node';
  version: string;
  arch: string;
}

export interface BuildOptions {
  cacheDir: string;
  log: (line: string) => void;
  /** The better-sqlite3 package to build (default: the installed one). */
  sourceDir?: string;
}

const require = createRequire(import.meta.url);
const OUTPUT_KEPT_CHARS = 64 * 1024;
// node-gyp ends a failure with its stack and environment; these lines say nothing about the cause.
const NOISE = /^gyp ERR! (stack|System|command|cwd|node -v|node-gyp -v|\$npm|not ok)|^\s*at /;

export function sqliteBindingPath(cacheDir: string, target: NativeTarget): string {
  return join(cacheDir, `better-sqlite3-${target.runtime}-${target.version}-${target.arch}`, 'better_sqlite3.node');
}

export function nodeGypArguments(target: NativeTarget): string[] {
  return [
    'rebuild',
    '--release',
    `--runtime=${target.runtime}`,
    `--target=${target.version}`,
    `--arch=${target.arch}`,
    ...(target.runtime === 'electron' ? ['--dist-url=https://electronjs.org/headers'] : []),
  ];
}

/** The path of a better_sqlite3.node for `target`, building it first if the cache has none. */
export async function ensureSqliteBinding(target: NativeTarget, options: BuildOptions): Promise<string> {
  const binding = sqliteBindingPath(options.cacheDir, target);
  if (existsSync(binding)) return binding;

  const sourceDir = options.sourceDir ?? dirname(require.resolve('better-sqlite3/package.json'));
  const workDir = join(options.cacheDir, `build-${randomBytes(6).toString('hex')}`);
  mkdirSync(options.cacheDir, { recursive: true });
  try {
    cpSync(sourceDir, workDir, { recursive: true, filter: (path) => basename(path) !== 'build' });
    options.log(
      `Building the SQLite module for ${target.runtime} ${target.version} (once; about a minute or two)…`,
    );
    await runNodeGyp(nodeGypArguments(target), workDir);
    mkdirSync(dirname(binding), { recursive: true });
    // A rename is atomic, so a build cut short never leaves a half-written module in the cache.
    renameSync(join(workDir, 'build', 'Release', 'better_sqlite3.node'), binding);
    return binding;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

function runNodeGyp(args: string[], cwd: string): Promise<void> {
  const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [nodeGyp, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-OUTPUT_KEPT_CHARS);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) return resolve();
      reject(new Error(`node-gyp ${args[0]} failed (${signal ?? `exit code ${code}`}): ${summarizeFailure(output)}`));
    });
  });
}

/** The lines of a failed build that name the cause (compiler errors, missing headers or files). */
export function summarizeFailure(output: string): string {
  const causes = output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /error|not found|cannot|failed/i.test(line) && !NOISE.test(line));
  return (causes.length > 0 ? causes.slice(0, 4) : output.trim().split('\n').slice(-4)).join(' | ');
}
