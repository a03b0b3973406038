import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, copyFileSync, mkdirSync, readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreOpenError, openStore, type OpenStoreOptions } from '../../../src-main/core/store/open-store.js';
import { compiledOpenStoreUrl, fixtureScript } from './fixtures/compiled-store.js';
import { useTempStores } from './fixtures/temp-store.js';

const NOBODY = 65534;
const runningAsRoot = process.getuid?.() === 0;

function openError(file: string, options?: OpenStoreOptions): StoreOpenError {
  try {
    openStore(file, options).close();
  } catch (error) {
    if (error instanceof StoreOpenError) return error;
    throw error;
  }
  throw new Error(`expected opening ${file} to fail`);
}

/**
 * Opens the store in a child process: as `nobody` when the tests run as root (root ignores file modes),
 * otherwise as the current user.
 */
function openInChild(file: string): { opened: boolean; name?: string; message?: string; file?: string } {
  const result = spawnSync(process.execPath, [fixtureScript('open-store-child.mjs'), compiledOpenStoreUrl(), file], {
    encoding: 'utf8',
    ...(runningAsRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  if (result.status !== 0) throw new Error(`open-store child failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout) as { opened: boolean };
}

describe('opening bad database files', () => {
  const stores = useTempStores();

  /** A real, closed store file with enough rows to span many pages. */
  function realDatabase(): Buffer {
    const store = stores.open('real.db');
    store.coordinators.upsert({ id: 'practice', kind: 'practice', name: 'Practice', config: {}, enabled: true });
    for (let i = 0; i < 200; i++) {
      store.jobs.create({ id: `job-${i}`, coordinatorId: 'practice', externalId: `ext-${i}`, state: 'queued', inputRef: 'x'.repeat(200) });
    }
    store.close();
    return readFileSync(join(stores.dir(), 'real.db'));
  }

  it('refuses a file of random bytes, naming it, and leaves it untouched', () => {
    const folder = join(stores.dir(), 'random');
    mkdirSync(folder);
    const file = join(folder, 'proverdesk.db');
    const bytes = randomBytes(16_384);
    writeFileSync(file, bytes);

    const error = openError(file);
    expect(error.file).toBe(file);
    expect(error.message).toBe(
      `cannot open database ${file}: file is not a database (it may be corrupted; move it aside to start fresh, or restore a backup)`,
    );
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(readdirSync(folder)).toEqual(['proverdesk.db']);
  });

  it('refuses a database cut in half, naming it, and leaves it untouched', () => {
    const real = realDatabase();
    const folder = join(stores.dir(), 'truncated');
    mkdirSync(folder);
    const file = join(folder, 'proverdesk.db');
    writeFileSync(file, real);
    truncateSync(file, Math.floor(real.length / 2));
    const before = readFileSync(file);

    const error = openError(file);
    expect(error.file).toBe(file);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/the database is corrupted, e.g. truncated or damaged \(move it aside/);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readdirSync(folder)).toEqual(['proverdesk.db']);
  });

  it('refuses a folder where the file should be', () => {
    const file = join(stores.dir(), 'a-folder.db');
    mkdirSync(file);
    expect(openError(file).message).toBe(`cannot open database ${file}: the path is a folder, not a database file`);
  });

  it('refuses, when read-only, a file that does not exist, and creates nothing', () => {
    const file = join(stores.dir(), 'missing', 'proverdesk.db');
    expect(openError(file, { readonly: true }).message).toBe(`cannot open database ${file}: the file does not exist`);
    expect(readdirSync(stores.dir())).toEqual([]);
  });

  it('opens read-only when asked: reads work, writes fail', () => {
    realDatabase();
    const store = stores.open('real.db', { readonly: true });
    expect(store.jobs.list({ limit: 1000 })).toHaveLength(200);
    expect(() => store.settings.set('ui.theme', 'dark')).toThrow(/readonly/);
  });

  describe('without write access', () => {
    const expectedReadOnly = (file: string) =>
      `cannot open database ${file}: the file or its folder is read-only ` +
      '(ProverDesk needs write access to it and its folder for -wal/-shm files)';

    /** A folder `nobody` can enter (temp folders are private to their owner). */
    function sharedFolder(name: string): string {
      chmodSync(stores.dir(), 0o755);
      const folder = join(stores.dir(), name);
      mkdirSync(folder);
      return folder;
    }

    it('reports a read-only file in a read-only folder, and leaves it untouched', () => {
      const real = realDatabase();
      const folder = sharedFolder('read-only');
      const file = join(folder, 'proverdesk.db');
      writeFileSync(file, real);
      chmodSync(file, 0o444);
      chmodSync(folder, 0o555);
      try {
        expect(openInChild(file)).toEqual({ opened: false, name: 'StoreOpenError', file, message: expectedReadOnly(file) });
        expect(readFileSync(file).equals(real)).toBe(true);
        expect(readdirSync(folder)).toEqual(['proverdesk.db']);
      } finally {
        chmodSync(folder, 0o755);
      }
    });

    it('reports a writable file in a read-only folder, where -wal/-shm cannot be made', () => {
      realDatabase();
      const folder = sharedFolder('folder-read-only');
      const file = join(folder, 'proverdesk.db');
      copyFileSync(join(stores.dir(), 'real.db'), file);
      if (runningAsRoot) chownSync(file, NOBODY, NOBODY);
      chmodSync(folder, 0o555);
      try {
        expect(openInChild(file)).toMatchObject({ opened: false, message: expectedReadOnly(file) });
      } finally {
        chmodSync(folder, 0o755);
      }
    });

    it('reports a read-only file in a writable folder, creating nothing beside it', () => {
      const real = realDatabase();
      const folder = sharedFolder('file-read-only');
      const file = join(folder, 'proverdesk.db');
      writeFileSync(file, real);
      chmodSync(file, 0o444);
      if (runningAsRoot) chownSync(folder, NOBODY, NOBODY);
      expect(openInChild(file)).toMatchObject({ opened: false, message: expectedReadOnly(file) });
      expect(readFileSync(file).equals(real)).toBe(true);
      expect(readdirSync(folder)).toEqual(['proverdesk.db']);
    });

    it('reports a file it may not even read', () => {
      const real = realDatabase();
      const folder = sharedFolder('unreadable');
      const file = join(folder, 'proverdesk.db');
      writeFileSync(file, real);
      chmodSync(file, 0o000);
      if (runningAsRoot) chownSync(folder, NOBODY, NOBODY);
      expect(openInChild(file)).toMatchObject({
        opened: false,
        message: `cannot open database ${file}: permission denied: ProverDesk cannot read it (check its owner and permissions)`,
      });
    });

    it('opens the same file once it may write there (the check above is not vacuous)', () => {
      realDatabase();
      const folder = sharedFolder('writable');
      const file = join(folder, 'proverdesk.db');
      copyFileSync(join(stores.dir(), 'real.db'), file);
      if (runningAsRoot) {
        chownSync(folder, NOBODY, NOBODY);
        chownSync(file, NOBODY, NOBODY);
      }
      expect(openInChild(file)).toEqual({ opened: true });
    });
  });
});
