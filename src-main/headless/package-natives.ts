// Packaging (`npm run dist`): electron-builder copies node_modules as installed (for Node), so after packing,
// the packaged app's better-sqlite3 gets a build for Electron's ABI in its place. The install itself is left
// as it was, so Node (headless mode, the tests) keeps working after packaging. The engine and keytar are
// Node-API modules and load in Electron as they are.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ensureSqliteBinding, type BuildOptions, type NativeTarget } from './electron-natives.js';

/** Where the packaged app loads better-sqlite3's module from (it is unpacked from the asar archive). */
export function packagedSqliteBindingPath(resourcesDir: string): string {
  return join(resourcesDir, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
}

/** Puts a better-sqlite3 module built for `target` (built once, then cached) into the packaged app. */
export async function placeSqliteForElectron(
  options: { resourcesDir: string; target: NativeTarget } & BuildOptions,
  ensure: typeof ensureSqliteBinding = ensureSqliteBinding,
): Promise<string> {
  const packaged = packagedSqliteBindingPath(options.resourcesDir);
  if (!existsSync(join(options.resourcesDir, 'app.asar.unpacked', 'node_modules', 'better-sqlite3'))) {
    throw new Error(`the packaged app has no unpacked better-sqlite3 under ${options.resourcesDir} (check asarUnpack in electron-builder.yml)`);
  }
  const built = await ensure(options.target, { cacheDir: options.cacheDir, log: options.log });
  mkdirSync(dirname(packaged), { recursive: true });
  copyFileSync(built, packaged);
  options.log(`packaged better-sqlite3 for Electron ${options.target.version} (${options.target.arch})`);
  return packaged;
}
