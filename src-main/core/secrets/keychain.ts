// The OS keychain, over keytar: where signing keys and API tokens live. Values go in, and come out only for the
// core's own use; status and listings carry account names, never values.
import type { KeychainStatus } from '../api/schemas.js';
import { keychainBackendName } from './keychain-backend.js';
import { keychainTimeoutError, toKeychainError, type FailureContext } from './keychain-errors.js';
import { parseAccount, parseSecret, parseServiceName } from './keychain-input.js';
import { keytarModulePath, loadKeytar, type Keytar } from './keytar-loader.js';
import { listAccountsInHelper } from './list-accounts.js';
import { withTimeout } from './with-timeout.js';

export interface Keychain {
  /** The keychain's service name that groups this app's entries, e.g. 'ProverDesk'. */
  readonly service: string;
  /** The OS store, e.g. 'Secret Service (libsecret)', 'macOS Keychain', 'Windows Credential Manager'. */
  readonly backend: string;
  /** Never rejects: an unusable keychain is `available: false` with what to do in `problem`. */
  status(): Promise<KeychainStatus>;
  /** Stores or replaces the secret of `account`. */
  set(account: string, secret: string): Promise<void>;
  /** For the core's own use (signing); never exposed to the UI. */
  get(account: string): Promise<string | null>;
  /** Whether there was a secret to delete. */
  delete(account: string): Promise<boolean>;
  listAccounts(): Promise<string[]>;
}

export interface KeychainOptions {
  service: string;
  /** How long one keychain call may take before the keychain counts as unavailable (libsecret can hang ~25 s). */
  timeoutMs?: number;
}

export const DEFAULT_KEYCHAIN_TIMEOUT_MS = 10_000;

export function createKeychain(options: KeychainOptions): Keychain {
  const service = parseServiceName(options.service);
  const timeoutMs = options.timeoutMs ?? DEFAULT_KEYCHAIN_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    throw new RangeError(`keychain timeoutMs must be a positive whole number of milliseconds, got ${timeoutMs}`);
  }
  const platform = process.platform;
  const backend = keychainBackendName(platform);

  async function call<T>(context: Omit<FailureContext, 'platform'>, run: (keytar: Keytar) => Promise<T>): Promise<T> {
    try {
      const keytar = loadKeytar(platform);
      return await withTimeout(run(keytar), timeoutMs, () => keychainTimeoutError(timeoutMs, platform));
    } catch (error) {
      throw toKeychainError(error, { ...context, platform });
    }
  }

  async function listAccounts(): Promise<string[]> {
    try {
      loadKeytar(platform); // a broken install fails here with its hint, not as a helper exit code
      const accounts = await listAccountsInHelper({ keytarPath: keytarModulePath(), service, timeoutMs, platform });
      return [...new Set(accounts)].sort();
    } catch (error) {
      throw toKeychainError(error, { operation: 'list', platform });
    }
  }

  const readSecret = (account: string): Promise<string | null> =>
    call({ operation: 'read', account }, (keytar) => keytar.getPassword(service, account));
  const deleteSecret = (account: string): Promise<boolean> =>
    call({ operation: 'delete', account }, (keytar) => keytar.deletePassword(service, account));

  return {
    service,
    backend,

    async status() {
      try {
        const accounts = (await listAccounts()).map((account) => ({ account, stored: true as const }));
        return { available: true, backend, service, problem: null, accounts };
      } catch (error) {
        const problem = error instanceof Error ? error.message : String(error);
        return { available: false, backend, service, problem, accounts: [] };
      }
    },

    async set(account, secret) {
      const name = parseAccount(account);
      const value = parseSecret(secret);
      await call({ operation: 'store', account: name, secret: value }, (keytar) =>
        keytar.setPassword(service, name, value),
      );
    },

    // libsecret answers "no such entry" for entries it could not unlock. A listing tells the two apart: it
    // fails with "locked" when entries stay locked, and may unlock the keyring through the desktop's prompt.
    async get(account) {
      const name = parseAccount(account);
      const secret = await readSecret(name);
      if (secret !== null) return secret;
      return (await listAccounts()).includes(name) ? readSecret(name) : null;
    },

    async delete(account) {
      const name = parseAccount(account);
      if (await deleteSecret(name)) return true;
      return (await listAccounts()).includes(name) ? deleteSecret(name) : false;
    },

    listAccounts,
  };
}
