import type { Database } from '../sqlite.js';

export const EARNING_KINDS = ['reward', 'cost', 'fee', 'slash', 'adjustment'] as const;
export type EarningKind = (typeof EARNING_KINDS)[number];

/**
 * One ledger line. `amountMinor` is in the currency's smallest unit (cents, wei) and signed as it moves the
 * balance: rewards are >= 0; costs, fees and slashes are <= 0; adjustments may be either.
 */
export interface Earning {
  id: number;
  atMs: number;
  coordinatorId: string | null;
  jobId: string | null;
  kind: EarningKind;
  amountMinor: bigint;
  currency: string;
  note: string | null;
}

export interface NewEarning {
  atMs: number;
  coordinatorId?: string | null;
  jobId?: string | null;
  kind: EarningKind;
  amountMinor: bigint;
  currency: string;
  note?: string | null;
}

export interface EarningsRepo {
  record(entry: NewEarning): Earning;
  /** Entries with sinceMs <= atMs < untilMs, oldest first. */
  list(range: { sinceMs: number; untilMs: number }): Earning[];
  /** Sum of amounts per currency over entries with atMs >= sinceMs. */
  totals(range: { sinceMs: number }): Map<string, bigint>;
}

interface EarningRow {
  id: number;
  at_ms: number;
  coordinator_id: string | null;
  job_id: string | null;
  kind: EarningKind;
  amount_minor: string;
  currency: string;
  note: string | null;
}

const COLUMNS = 'id, at_ms, coordinator_id, job_id, kind, amount_minor, currency, note';
const CURRENCY = /^[A-Za-z0-9._-]{1,32}$/;
const DECIMAL_INTEGER = /^-?\d+$/;

export function createEarningsRepo(db: Database): EarningsRepo {
  const insert = db.prepare(
    `INSERT INTO earnings (at_ms, coordinator_id, job_id, kind, amount_minor, currency, note)
     VALUES (@at_ms, @coordinator_id, @job_id, @kind, @amount_minor, @currency, @note)`,
  );
  const selectRange = db.prepare<EarningRow>(
    `SELECT ${COLUMNS} FROM earnings WHERE at_ms >= ? AND at_ms < ? ORDER BY at_ms, id`,
  );
  // Summed here rather than in SQL: SQLite's sum() is 64-bit and wei amounts overflow it.
  const selectSince = db.prepare<Pick<EarningRow, 'id' | 'amount_minor' | 'currency'>>(
    'SELECT id, amount_minor, currency FROM earnings WHERE at_ms >= ?',
  );

  return {
    record(entry) {
      validate(entry);
      const row = {
        at_ms: entry.atMs,
        coordinator_id: entry.coordinatorId ?? null,
        job_id: entry.jobId ?? null,
        kind: entry.kind,
        amount_minor: entry.amountMinor.toString(),
        currency: entry.currency,
        note: entry.note ?? null,
      };
      const id = Number(insert.run(row).lastInsertRowid);
      return fromRow({ id, ...row });
    },
    list({ sinceMs, untilMs }) {
      assertMs(sinceMs, 'sinceMs');
      assertMs(untilMs, 'untilMs');
      return selectRange.all(sinceMs, untilMs).map(fromRow);
    },
    totals({ sinceMs }) {
      assertMs(sinceMs, 'sinceMs');
      const totals = new Map<string, bigint>();
      for (const row of selectSince.all(sinceMs)) {
        totals.set(row.currency, (totals.get(row.currency) ?? 0n) + parseAmount(row));
      }
      return totals;
    },
  };
}

function fromRow(row: EarningRow): Earning {
  return {
    id: row.id,
    atMs: row.at_ms,
    coordinatorId: row.coordinator_id,
    jobId: row.job_id,
    kind: row.kind,
    amountMinor: parseAmount(row),
    currency: row.currency,
    note: row.note,
  };
}

function parseAmount(row: Pick<EarningRow, 'id' | 'amount_minor'>): bigint {
  if (!DECIMAL_INTEGER.test(row.amount_minor)) {
    throw new Error(`earnings entry ${row.id} holds an invalid amount ${JSON.stringify(row.amount_minor)} in the database`);
  }
  return BigInt(row.amount_minor);
}

function assertMs(value: number, name: string): void {
  if (!Number.isSafeInteger(value)) throw new Error(`earnings: ${name} must be an integer number of milliseconds`);
}

function validate(entry: NewEarning): void {
  assertMs(entry.atMs, 'atMs');
  if (!(EARNING_KINDS as readonly string[]).includes(entry.kind)) {
    throw new Error(`earnings: unknown kind ${JSON.stringify(entry.kind)} (expected one of ${EARNING_KINDS.join(', ')})`);
  }
  if (typeof entry.amountMinor !== 'bigint') {
    throw new Error(`earnings: amountMinor must be a bigint in minor units (got ${typeof entry.amountMinor})`);
  }
  if (!CURRENCY.test(entry.currency)) {
    throw new Error(`earnings: currency must be 1-32 letters, digits, '.', '_' or '-' (got ${JSON.stringify(entry.currency)})`);
  }
  const sign = entry.amountMinor > 0n ? 1 : entry.amountMinor < 0n ? -1 : 0;
  if (entry.kind === 'reward' && sign < 0) throw new Error('earnings: a reward must not be negative');
  if ((entry.kind === 'cost' || entry.kind === 'fee' || entry.kind === 'slash') && sign > 0) {
    throw new Error(`earnings: a ${entry.kind} is recorded as a negative amount (got ${entry.amountMinor})`);
  }
}
