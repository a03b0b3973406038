// What the scripting commands (coordinator, jobs, start --once) open: the data folder's database and the
// keychain, without the UI or the hardware sampler.
import { mkdirSync } from 'node:fs';
import { databaseFileIn, defaultDataDir, PRODUCT_NAME } from '../core/data-dir.js';
import { createKeychain, type Keychain } from '../core/secrets/keychain.js';
import { openStore } from '../core/store/open-store.js';
import type { Store } from '../core/store/store.js';

export const dataDirOption = { 'data-dir': { type: 'string' } } as const;

export interface CliParts {
  dataDir: string;
  store: Store;
  keychain: Keychain;
  close(): void;
}

export async function openCliParts(dataDirFlag: string | undefined): Promise<CliParts> {
  const dataDir = dataDirFlag ?? defaultDataDir();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const store = openStore(databaseFileIn(dataDir));
  const keychain = createKeychain({ service: process.env.PROVERDESK_KEYCHAIN_SERVICE ?? PRODUCT_NAME });
  return { dataDir, store, keychain, close: () => store.close() };
}
