// The second build of better-sqlite3 that `proverdesk start` makes before starting Electron. Electron's
// headers cannot be downloaded here, so this builds the same way for this Node (same node-gyp, same copy
// and cache steps) and opens a real store through the `nativeBinding` it yields.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src-main/core/store/open-store.js';
import {
  ensureSqliteBinding,
  nodeGypArguments,
  sqliteBindingPath,
  type NativeTarget,
} from '../../../src-main/headless/electron-natives.js';

const cacheDir = mkdtempSync(join(tmpdir(), 'proverdesk-natives-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

describe('SQLite module for another runtime', () => {
  it('asks node-gyp for Electron headers when building for Electron', () => {
    expect(nodeGypArguments({ runtime: 'electron', version: '39.8.10', arch: 'x64' })).toEqual([
      'rebuild',
      '--release',
      '--runtime=electron',
      '--target=39.8.10',
      '--arch=x64',
      '--dist-url=https://electronjs.org/headers',
    ]);
  });

  it('builds once into the cache, and the build opens a real store', { timeout: 600_000 }, async () => {
    // npm passes its `nodedir` setting to scripts; outside npm, point node-gyp at this Node's own headers.
    if (!process.env.npm_config_nodedir && existsSync('/usr/include/node/node.h')) {
      process.env.npm_config_nodedir = '/usr';
    }
    const target: NativeTarget = { runtime: 'node', version: process.versions.node, arch: process.arch };
    const lines: string[] = [];
    const binding = await ensureSqliteBinding(target, { cacheDir, log: (line) => lines.push(line) });
    expect(binding).toBe(sqliteBindingPath(cacheDir, target));
    expect(lines.join('\n')).toMatch(/Building the SQLite module for node/);

    const builtAt = statSync(binding).mtimeMs;
    expect(await ensureSqliteBinding(target, { cacheDir, log: (line) => lines.push(line) })).toBe(binding);
    expect(statSync(binding).mtimeMs).toBe(builtAt);
    expect(lines).toHaveLength(1);

    const store = openStore(join(cacheDir, 'data', 'proverdesk.db'), { nativeBinding: binding });
    store.settings.set('probe', { ok: true });
    expect(store.settings.get('probe')).toEqual({ ok: true });
    expect(store.integrityCheck()).toBe('ok');
    store.close();
  });

  it('fails with node-gyp\'s reason and leaves no half-built module behind', async () => {
    const target: NativeTarget = { runtime: 'node', version: process.versions.node, arch: process.arch };
    const emptySource = mkdtempSync(join(tmpdir(), 'proverdesk-no-gyp-'));
    const otherCache = join(cacheDir, 'broken');
    await expect(
      ensureSqliteBinding(target, { cacheDir: otherCache, log: () => {}, sourceDir: emptySource }),
    ).rejects.toThrow(/node-gyp rebuild failed \(exit code \d+\): .*binding\.gyp/s);
    expect(existsSync(sqliteBindingPath(otherCache, target))).toBe(false);
    rmSync(emptySource, { recursive: true, force: true });
  });
});
