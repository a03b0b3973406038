// The built keychain module that child processes import (npm test builds it first).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE_DIR = join(process.cwd(), 'src-main', 'core', 'secrets');
export const COMPILED_CORE_DIR = join(process.cwd(), 'dist', 'main', 'core');
export const COMPILED_KEYCHAIN = join(COMPILED_CORE_DIR, 'secrets', 'keychain.js');

/** The path of the compiled keychain.js; throws, saying what to run, when it is missing or older than its source. */
export function compiledKeychainModule(): string {
  if (!existsSync(COMPILED_KEYCHAIN)) {
    throw new Error(`${COMPILED_KEYCHAIN} is missing: run \`npm run build:main\` before these tests.`);
  }
  for (const file of readdirSync(SOURCE_DIR).filter((name) => name.endsWith('.ts'))) {
    const compiled = join(COMPILED_CORE_DIR, 'secrets', file.replace(/\.ts$/, '.js'));
    if (!existsSync(compiled) || statSync(compiled).mtimeMs < statSync(join(SOURCE_DIR, file)).mtimeMs) {
      throw new Error(`${compiled} is missing or older than its source: run \`npm run build:main\` first.`);
    }
  }
  return COMPILED_KEYCHAIN;
}
