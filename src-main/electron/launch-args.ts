// Command-line options of the desktop app itself (the CLI in `headless/` has its own).
import { resolve } from 'node:path';

export class LaunchArgumentError extends Error {
  override name = 'LaunchArgumentError';
}

/** The folder given with `--data-dir DIR` or `--data-dir=DIR`, made absolute; undefined when not given. */
export function readDataDirArgument(argv: readonly string[], cwd = process.cwd()): string | undefined {
  let dir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--data-dir') {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new LaunchArgumentError('--data-dir needs a folder');
      dir = value;
      i++;
    } else if (arg.startsWith('--data-dir=')) {
      dir = arg.slice('--data-dir='.length);
    }
    if (dir === '') throw new LaunchArgumentError('--data-dir needs a folder');
  }
  return dir === undefined ? undefined : resolve(cwd, dir);
}

/** Environment variable through which `proverdesk start` names the SQLite module built for Electron. */
export const SQLITE_BINDING_ENV = 'PROVERDESK_SQLITE_BINDING';
