// The keychain's errors, and the translation of native failures (libsecret, macOS, Windows) into messages that
// say what is wrong and what to do. No message ever carries a secret value. The classes extend ApiError so
// that the API dispatcher hands their (safe) messages to the UI with the right error code.
import { ApiError } from '../api/contract.js';
import { keychainBackendName, usesSecretService } from './keychain-backend.js';

/** No usable keychain: no service running, locked, not answering, or the native module cannot load. */
export class KeychainUnavailableError extends ApiError {
  constructor(message: string) {
    super('unavailable', message);
    this.name = 'KeychainUnavailableError';
  }
}

/** An account name or secret the keychain does not accept; nothing was changed. */
export class KeychainInputError extends ApiError {
  constructor(message: string) {
    super('bad_request', message);
    this.name = 'KeychainInputError';
  }
}

/** The keychain answered but refused the operation for a reason not covered by the cases above. */
export class KeychainOperationError extends ApiError {
  constructor(message: string) {
    super('internal', message);
    this.name = 'KeychainOperationError';
  }
}

export type KeychainError = KeychainUnavailableError | KeychainInputError | KeychainOperationError;

export type KeychainOperation = 'store' | 'read' | 'delete' | 'list';

export interface FailureContext {
  operation: KeychainOperation;
  platform: NodeJS.Platform;
  account?: string;
  /** The value being stored: a native message that echoes it is withheld. */
  secret?: string;
}

const LINUX_INSTALL_HINT =
  'Install and start gnome-keyring (Debian/Ubuntu: sudo apt install gnome-keyring) or KWallet, ' +
  'then restart ProverDesk.';
const LINUX_NO_SERVICE =
  `No keychain service is running: ProverDesk stores keys in the Secret Service over D-Bus. ${LINUX_INSTALL_HINT}`;
const LINUX_NO_BUS =
  'No keychain service is running: ProverDesk stores keys in the Secret Service over D-Bus, and no D-Bus session ' +
  `bus is reachable. ${LINUX_INSTALL_HINT} On a server without a desktop, start ProverDesk inside ` +
  'dbus-run-session after unlocking a keyring with gnome-keyring-daemon --unlock.';
const LINUX_LOCKED =
  'The keychain is locked: unlock your login keyring (log in to the desktop, or on a server run ' +
  'gnome-keyring-daemon --unlock), then try again.';
const MAC_LOCKED = 'The macOS Keychain is locked or refused access: unlock your login keychain, then try again.';
const LIBSECRET_MISSING =
  'The keychain library libsecret is not installed, so ProverDesk cannot reach the Secret Service. Install it ' +
  '(Debian/Ubuntu: sudo apt install libsecret-1-0; Fedora: sudo dnf install libsecret), then restart ProverDesk.';
const KEYTAR_WRONG_BUILD =
  "ProverDesk's keychain module (keytar) was built for a different Node.js or Electron version: reinstall " +
  'ProverDesk (from source: rebuild keytar for this runtime).';

const DETAIL_MAX_CHARS = 300;

/** First line of a native message, shortened; withheld entirely if it contains the secret. */
function nativeDetail(error: unknown, secret: string | undefined): string {
  const message = error instanceof Error ? error.message : String(error);
  if (secret !== undefined && secret.length > 0 && message.includes(secret)) {
    return 'details withheld because they contained the secret';
  }
  const firstLine = message.split('\n', 1)[0]?.trim() ?? '';
  return firstLine.length > DETAIL_MAX_CHARS ? `${firstLine.slice(0, DETAIL_MAX_CHARS)}…` : firstLine;
}

const withDetail = (message: string, detail: string): string =>
  detail.length > 0 ? `${message} (keychain said: ${detail})` : message;

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

const secretServiceNoAnswer = (within: string): string =>
  `The keychain did not answer${within}: the Secret Service over D-Bus may be hung or waiting for an unlock ` +
  'prompt. Check that gnome-keyring or KWallet is running and the keyring is unlocked, then try again.';

export function keychainTimeoutError(timeoutMs: number, platform: NodeJS.Platform): KeychainUnavailableError {
  const within = ` within ${formatDuration(timeoutMs)}`;
  if (usesSecretService(platform)) return new KeychainUnavailableError(secretServiceNoAnswer(within));
  return new KeychainUnavailableError(
    `The ${keychainBackendName(platform)} did not answer${within}: it may be waiting for you to unlock it or ` +
      'allow access. Unlock it, then try again.',
  );
}

/** Listing runs in a helper process; libsecret crashes it when entries stay locked (atom/node-keytar#477). */
export function keychainListingCrashedError(signal: string, platform: NodeJS.Platform): KeychainUnavailableError {
  if (usesSecretService(platform)) {
    return new KeychainUnavailableError(
      `${LINUX_LOCKED} (reading the locked entries crashed the keychain helper process with ${signal}; ` +
        'ProverDesk itself was not affected)',
    );
  }
  return new KeychainUnavailableError(
    `The keychain helper process crashed with ${signal} while listing the ${keychainBackendName(platform)}: ` +
      'unlock the keychain and try again; if it keeps happening, restart the computer.',
  );
}

export function keytarLoadError(error: unknown, platform: NodeJS.Platform): KeychainUnavailableError {
  const detail = nativeDetail(error, undefined);
  if (/libsecret/i.test(detail)) return new KeychainUnavailableError(withDetail(LIBSECRET_MISSING, detail));
  if (/NODE_MODULE_VERSION|compiled against a different|invalid ELF|wrong ELF class|not a valid Win32/i.test(detail)) {
    return new KeychainUnavailableError(withDetail(KEYTAR_WRONG_BUILD, detail));
  }
  const libsecretHint = usesSecretService(platform)
    ? '; also check that libsecret is installed (Debian/Ubuntu: sudo apt install libsecret-1-0)'
    : '';
  return new KeychainUnavailableError(
    withDetail(`ProverDesk could not load its keychain module (keytar): reinstall ProverDesk${libsecretHint}.`, detail),
  );
}

// Checked in this order: a timeout message can also name the service, and "could not connect" beats "locked".
const SECRET_SERVICE_FAILURES: ReadonlyArray<{ pattern: RegExp; message: string }> = [
  { pattern: /Timeout was reached|Did not receive a reply|timed out/i, message: secretServiceNoAnswer('') },
  { pattern: /Cannot autolaunch D-Bus|Unable to autolaunch|DBUS_SESSION_BUS_ADDRESS/i, message: LINUX_NO_BUS },
  { pattern: /Could not connect|Failed to connect to socket/i, message: LINUX_NO_BUS },
  { pattern: /ServiceUnknown|not provided by any \.service files|NameHasNoOwner/i, message: LINUX_NO_SERVICE },
  { pattern: /Error\.Spawn|exited with status|Failed to execute program/i, message: LINUX_NO_SERVICE },
  { pattern: /locked|unlock|prompt/i, message: LINUX_LOCKED },
];

const MAC_FAILURES: ReadonlyArray<{ pattern: RegExp; message: string }> = [
  { pattern: /User interaction is not allowed|locked|-25308|authorization|denied/i, message: MAC_LOCKED },
];

function describeOperation(context: FailureContext): string {
  const target = context.account === undefined ? '' : ` for account "${context.account}"`;
  switch (context.operation) {
    case 'store':
      return `store the secret${target}`;
    case 'read':
      return `read the secret${target}`;
    case 'delete':
      return `delete the secret${target}`;
    case 'list':
      return 'list the stored accounts';
  }
}

const isKeychainError = (error: unknown): error is KeychainError =>
  error instanceof KeychainUnavailableError ||
  error instanceof KeychainInputError ||
  error instanceof KeychainOperationError;

/** Turns whatever a keychain call threw into a KeychainError whose message is safe to show and to log. */
export function toKeychainError(error: unknown, context: FailureContext): KeychainError {
  if (isKeychainError(error)) return error;
  const detail = nativeDetail(error, context.secret);

  if (usesSecretService(context.platform)) {
    const known = SECRET_SERVICE_FAILURES.find(({ pattern }) => pattern.test(detail));
    if (known !== undefined) return new KeychainUnavailableError(withDetail(known.message, detail));
  }
  if (context.platform === 'darwin') {
    const known = MAC_FAILURES.find(({ pattern }) => pattern.test(detail));
    if (known !== undefined) return new KeychainUnavailableError(withDetail(known.message, detail));
  }

  const backend = keychainBackendName(context.platform);
  return new KeychainOperationError(withDetail(`The ${backend} could not ${describeOperation(context)}`, detail));
}
