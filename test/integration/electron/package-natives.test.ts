// Packaging's afterPack step on a packed app's folder: the packaged better-sqlite3 gets the Electron build in
// its place (here a stand-in file: building for Electron needs its headers, which cannot be downloaded here),
// and a package without better-sqlite3 unpacked is refused with the reason.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packagedSqliteBindingPath, placeSqliteForElectron } from '../../../src-main/headless/package-natives.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'proverdesk-package-natives-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const target = { runtime: 'electron' as const, version: '40.0.0', arch: 'x64' };

describe('placing better-sqlite3 for Electron in a packaged app', () => {
  it('replaces the Node build the packer copied with the Electron one', async () => {
    const resourcesDir = join(dir, 'resources');
    const packaged = packagedSqliteBindingPath(resourcesDir);
    mkdirSync(join(packaged, '..'), { recursive: true });
    writeFileSync(packaged, 'node build');
    const electronBuild = join(dir, 'cache', 'better_sqlite3.node');
    mkdirSync(join(dir, 'cache'));
    writeFileSync(electronBuild, 'electron build');
    const asked: unknown[] = [];
    const lines: string[] = [];
    const placed = await placeSqliteForElectron({ resourcesDir, target, cacheDir: join(dir, 'cache'), log: (l) => lines.push(l) }, async (t, options) => {
      asked.push({ t, cacheDir: options.cacheDir });
      return electronBuild;
    });
    expect(placed).toBe(packaged);
    expect(readFileSync(packaged, 'utf8')).toBe('electron build');
    expect(asked).toEqual([{ t: target, cacheDir: join(dir, 'cache') }]);
    expect(lines).toEqual(['packaged better-sqlite3 for Electron 40.0.0 (x64)']);
  });

  it('refuses a package where better-sqlite3 was not unpacked from the asar archive', async () => {
    let built = false;
    await expect(
      placeSqliteForElectron({ resourcesDir: join(dir, 'resources'), target, cacheDir: dir, log: () => {} }, async () => {
        built = true;
        return '';
      }),
    ).rejects.toThrow(/has no unpacked better-sqlite3 .* \(check asarUnpack in electron-builder\.yml\)/);
    expect(built).toBe(false);
    expect(existsSync(join(dir, 'resources'))).toBe(false);
  });
});
