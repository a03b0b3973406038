// Store.durably: the transaction commits at once (all of it or none), and its sync to disk is reported
// separately, so a failure to sync is seen rather than lost.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempStores } from './fixtures/temp-store.js';

describe('store.durably', () => {
  const stores = useTempStores();

  it('commits at once, visible to another connection, and then reports the commit on disk', async () => {
    const store = stores.open();
    const { result, onDisk } = store.durably(() => {
      store.settings.set('a', 1);
      store.settings.set('b', 2);
      return 'done';
    });
    expect(result).toBe('done');
    expect(stores.open().settings.all()).toEqual({ a: 1, b: 2 });
    await expect(onDisk).resolves.toBeUndefined();
  });

  it('commits nothing when the function throws', () => {
    const store = stores.open();
    expect(() =>
      store.durably(() => {
        store.settings.set('a', 1);
        throw new Error('changed my mind');
      }),
    ).toThrow('changed my mind');
    expect(store.settings.get('a')).toBeUndefined();
  });

  it('reports a sync that cannot happen instead of losing it', async () => {
    const store = stores.open();
    store.settings.set('warm', true);
    rmSync(join(stores.dir(), 'proverdesk.db-wal')); // the log it would sync is gone (Linux keeps the open file alive)
    const { onDisk } = store.durably(() => store.settings.set('a', 1));
    await expect(onDisk).rejects.toThrow(/ENOENT/);
  });
});
