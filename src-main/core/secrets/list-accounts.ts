// Lists a service's account names in a short-lived helper process. keytar's findCredentials crashes the whole
// process when libsecret returns entries it could not unlock (atom/node-keytar#477, never fixed); in a helper,
// that crash becomes a clear "locked" error. The helper also keeps every password out of this process, and a
// call that hangs is ended by killing it.
import { spawn } from 'node:child_process';
import { keychainListingCrashedError, keychainTimeoutError, KeychainUnavailableError } from './keychain-errors.js';

// CommonJS run with `-e`: argv is [runtime, keytarPath, service]. It prints account names only.
const HELPER_SCRIPT = `
const [keytarPath, service] = process.argv.slice(1);
const reply = (value) => process.stdout.write(JSON.stringify(value));
require(keytarPath).findCredentials(service).then(
  (found) => reply({ accounts: found.map((credential) => credential.account) }),
  (error) => reply({ error: String(error instanceof Error ? error.message : error) }),
);
`;

const STDOUT_MAX_CHARS = 4 * 1024 * 1024;
const STDERR_MAX_CHARS = 4096;

export interface ListAccountsOptions {
  keytarPath: string;
  service: string;
  timeoutMs: number;
  platform: NodeJS.Platform;
}

/** The account names, or rejects: with a KeychainUnavailableError, or with the native error for the caller to map. */
export function listAccountsInHelper(options: ListAccountsOptions): Promise<string[]> {
  return new Promise<string[]>((resolve, reject) => {
    // ELECTRON_RUN_AS_NODE makes the Electron binary behave as Node; plain Node ignores it.
    const helper = spawn(process.execPath, ['-e', HELPER_SCRIPT, options.keytarPath, options.service], {
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    let stdout = '';
    let stderr = '';
    let settled = false;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const timer = setTimeout(() => {
      helper.kill('SIGKILL');
      finish(() => reject(keychainTimeoutError(options.timeoutMs, options.platform)));
    }, options.timeoutMs);

    helper.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.length > STDOUT_MAX_CHARS) {
        helper.kill('SIGKILL');
        finish(() => reject(new Error('the keychain helper process printed more than expected')));
      }
    });
    helper.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < STDERR_MAX_CHARS) stderr += chunk;
    });
    helper.on('error', (error) => {
      const message = `ProverDesk could not start its keychain helper process: ${error.message}`;
      finish(() => reject(new KeychainUnavailableError(message)));
    });
    helper.on('close', (code, signal) =>
      finish(() => {
        try {
          resolve(readHelperOutcome({ code, signal, stdout, stderr, platform: options.platform }));
        } catch (error) {
          reject(error);
        }
      }),
    );
  });
}

interface HelperExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  platform: NodeJS.Platform;
}

function readHelperOutcome({ code, signal, stdout, stderr, platform }: HelperExit): string[] {
  if (signal !== null) throw keychainListingCrashedError(signal, platform);
  if (code !== 0) {
    const firstLine = stderr.trim().split('\n', 1)[0] ?? '';
    throw new Error(`the keychain helper process exited with code ${code}: ${firstLine}`);
  }
  return parseHelperReply(stdout);
}

function parseHelperReply(stdout: string): string[] {
  let reply: unknown;
  try {
    reply = JSON.parse(stdout);
  } catch {
    throw new Error('the keychain helper process gave no readable answer');
  }
  if (typeof reply === 'object' && reply !== null) {
    if ('error' in reply && typeof reply.error === 'string') throw new Error(reply.error);
    if ('accounts' in reply && Array.isArray(reply.accounts)) {
      return reply.accounts.filter((account): account is string => typeof account === 'string');
    }
  }
  throw new Error('the keychain helper process gave an answer of the wrong shape');
}
