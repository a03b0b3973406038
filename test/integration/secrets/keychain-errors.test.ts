// How native keychain failures read once translated: the messages below are the ones libsecret, macOS and
// Node print. The Linux cases also happen for real in keychain-unavailable.test.ts; these cover the rest.
import { describe, expect, it } from 'vitest';
import {
  KeychainOperationError,
  KeychainUnavailableError,
  keytarLoadError,
  toKeychainError,
} from '../../../src-main/core/secrets/keychain-errors.js';

describe('toKeychainError', () => {
  it('withholds a native message that repeats the secret being stored', () => {
    const secret = 'correct horse battery staple';
    const error = toKeychainError(new Error(`invalid secret value "${secret}"`), {
      operation: 'store',
      account: 'aztec:quote-signer',
      secret,
      platform: 'linux',
    });
    expect(error).toBeInstanceOf(KeychainOperationError);
    expect(error.message).not.toContain(secret);
    expect(error.message).toBe(
      'The Secret Service (libsecret) could not store the secret for account "aztec:quote-signer" ' +
        '(keychain said: details withheld because they contained the secret)',
    );
  });

  it.each([
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', /^No keychain service is running: .* no D-Bus session bus/],
    ['Could not connect: No such file or directory', /^No keychain service is running: .* no D-Bus session bus/],
    ['The name org.freedesktop.secrets was not provided by any .service files', /^No keychain service is running/],
    ['Cannot create an item in a locked collection', /^The keychain is locked: unlock your login keyring/],
    ['Error calling StartServiceByName for org.freedesktop.secrets: Timeout was reached', /^The keychain did not/],
  ])('on Linux, reads "%s" as an unavailable keychain', (native, expected) => {
    const error = toKeychainError(new Error(native), { operation: 'read', account: 'a', platform: 'linux' });
    expect(error).toBeInstanceOf(KeychainUnavailableError);
    expect(error.message).toMatch(expected);
    expect(error.message).toContain(`(keychain said: ${native})`);
  });

  it('on macOS, reads a locked keychain as unavailable and other failures as refused operations', () => {
    const locked = toKeychainError(new Error('User interaction is not allowed.'), {
      operation: 'read',
      platform: 'darwin',
    });
    expect(locked).toBeInstanceOf(KeychainUnavailableError);
    expect(locked.message).toMatch(/^The macOS Keychain is locked/);

    const other = toKeychainError(new Error('The specified item already exists in the keychain.'), {
      operation: 'list',
      platform: 'darwin',
    });
    expect(other).toBeInstanceOf(KeychainOperationError);
    expect(other.message).toMatch(/^The macOS Keychain could not list the stored accounts/);
  });
});

describe('keytarLoadError', () => {
  it('tells a missing libsecret from a build for another runtime', () => {
    const missingLibrary = keytarLoadError(
      new Error('libsecret-1.so.0: cannot open shared object file: No such file or directory'),
      'linux',
    );
    expect(missingLibrary.message).toMatch(/^The keychain library libsecret is not installed/);
    expect(missingLibrary.message).toContain('sudo apt install libsecret-1-0');

    const wrongRuntime = keytarLoadError(
      new Error(
        "The module 'keytar.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 127.\n" +
          'This version of Node.js requires NODE_MODULE_VERSION 115.',
      ),
      'linux',
    );
    expect(wrongRuntime.message).toMatch(/^ProverDesk's keychain module \(keytar\) was built for a different/);
    expect(wrongRuntime.message).not.toContain('This version of Node.js');
  });
});
