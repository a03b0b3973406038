import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NewEarning } from '../../../src-main/core/store/repos/earnings-repo.js';
import { openDatabase } from '../../../src-main/core/store/sqlite.js';
import { useTempStores } from './fixtures/temp-store.js';

// 2^64 + 1 wei: more than a 64-bit integer holds.
const BIG_WEI = 18_446_744_073_709_551_617n;

describe('earnings repository', () => {
  const stores = useTempStores();

  it('records and lists entries exactly, including amounts beyond 64 bits', () => {
    const store = stores.open();
    const reward = store.earnings.record({
      atMs: 1000,
      coordinatorId: 'succinct',
      jobId: 'j1',
      kind: 'reward',
      amountMinor: BIG_WEI,
      currency: 'ETH',
      note: 'proof accepted',
    });
    const cost = store.earnings.record({ atMs: 2000, kind: 'cost', amountMinor: -42n, currency: 'USD' });
    expect(reward).toEqual({
      id: reward.id,
      atMs: 1000,
      coordinatorId: 'succinct',
      jobId: 'j1',
      kind: 'reward',
      amountMinor: BIG_WEI,
      currency: 'ETH',
      note: 'proof accepted',
    });
    expect(cost).toMatchObject({ coordinatorId: null, jobId: null, note: null, amountMinor: -42n });

    const { earnings } = stores.open();
    expect(earnings.list({ sinceMs: 0, untilMs: 3000 })).toEqual([reward, cost]);
    expect(earnings.list({ sinceMs: 1000, untilMs: 2000 })).toEqual([reward]);
    expect(earnings.list({ sinceMs: 1001, untilMs: 3000 })).toEqual([cost]);
  });

  it('totals per currency with bigint arithmetic', () => {
    const { earnings } = stores.open();
    earnings.record({ atMs: 500, kind: 'reward', amountMinor: 1_000n, currency: 'USD' });
    earnings.record({ atMs: 1000, kind: 'reward', amountMinor: BIG_WEI, currency: 'ETH' });
    earnings.record({ atMs: 1100, kind: 'reward', amountMinor: BIG_WEI, currency: 'ETH' });
    earnings.record({ atMs: 1200, kind: 'fee', amountMinor: -1n, currency: 'ETH' });
    earnings.record({ atMs: 1300, kind: 'cost', amountMinor: -250n, currency: 'USD' });
    earnings.record({ atMs: 1400, kind: 'adjustment', amountMinor: 7n, currency: 'USD' });

    expect(earnings.totals({ sinceMs: 0 })).toEqual(new Map([['USD', 757n], ['ETH', 2n * BIG_WEI - 1n]]));
    expect(earnings.totals({ sinceMs: 1000 })).toEqual(new Map([['ETH', 2n * BIG_WEI - 1n], ['USD', -243n]]));
    expect(earnings.totals({ sinceMs: 5000 })).toEqual(new Map());
  });

  it('refuses bad entries with a clear error and stores nothing', () => {
    const { earnings } = stores.open();
    const good: NewEarning = { atMs: 1000, kind: 'reward', amountMinor: 5n, currency: 'USD' };
    const bad = (change: Record<string, unknown>) => ({ ...good, ...change }) as NewEarning;
    expect(() => earnings.record(bad({ amountMinor: 5 }))).toThrow('earnings: amountMinor must be a bigint in minor units (got number)');
    expect(() => earnings.record(bad({ amountMinor: -5n }))).toThrow('earnings: a reward must not be negative');
    expect(() => earnings.record(bad({ kind: 'cost' }))).toThrow('earnings: a cost is recorded as a negative amount (got 5)');
    expect(() => earnings.record(bad({ kind: 'tip' }))).toThrow(/unknown kind "tip"/);
    expect(() => earnings.record(bad({ currency: '' }))).toThrow(/currency must be 1-32 letters/);
    expect(() => earnings.record(bad({ atMs: 1.5 }))).toThrow(/atMs must be an integer/);
    expect(earnings.list({ sinceMs: 0, untilMs: Number.MAX_SAFE_INTEGER })).toEqual([]);
  });

  it('keeps non-integer amounts out of the table itself', () => {
    stores.open().close();
    const db = openDatabase(join(stores.dir(), 'proverdesk.db'));
    const insert = db.prepare("INSERT INTO earnings (at_ms, kind, amount_minor, currency) VALUES (0, 'reward', ?, 'USD')");
    try {
      for (const amount of ['12', '-12', '0']) expect(() => insert.run(amount)).not.toThrow();
      for (const amount of ['', '-', '1.5', '1e3', '--1', '1-', ' 1', 'abc']) {
        expect(() => insert.run(amount), amount).toThrow(/CHECK constraint failed/);
      }
    } finally {
      db.close();
    }
  });
});
