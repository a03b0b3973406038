// keytar is a native module: loading it can fail (libsecret missing, a build for another runtime). It is loaded
// on first use, not at import, so that such a failure is a reported condition instead of a crash at start-up.
import { createRequire } from 'node:module';
import type * as KeytarModule from 'keytar';
import { keytarLoadError } from './keychain-errors.js';

export type Keytar = typeof KeytarModule;

const requireHere = createRequire(import.meta.url);
let loaded: { keytar: Keytar } | { failure: unknown } | undefined;

/** keytar itself, or a KeychainUnavailableError saying why it cannot load (the outcome is kept until restart). */
export function loadKeytar(platform: NodeJS.Platform): Keytar {
  if (loaded === undefined) {
    try {
      loaded = { keytar: requireHere('keytar') as Keytar };
    } catch (failure) {
      loaded = { failure };
    }
  }
  if ('failure' in loaded) throw keytarLoadError(loaded.failure, platform);
  return loaded.keytar;
}

/** Where keytar's entry file is, for the listing helper process. */
export function keytarModulePath(): string {
  return requireHere.resolve('keytar');
}
