import type { Database } from '../sqlite.js';

export const BID_OUTCOMES = ['skipped', 'placed', 'refused', 'won', 'lost'] as const;
export type BidOutcome = (typeof BID_OUTCOMES)[number];

/**
 * What the app decided about one open market request: skipped (with why), a bid placed, refused by the
 * network, and then won or lost. Amounts are decimal wei per PGU; one row per coordinator and request.
 */
export interface MarketBid {
  id: number;
  coordinatorId: string;
  requestId: string;
  atMs: number;
  updatedAtMs: number;
  program: string | null;
  gasLimit: bigint;
  deadlineMs: number;
  maxPriceWeiPerPgu: bigint | null;
  amountWeiPerPgu: bigint | null;
  outcome: BidOutcome;
  reason: string | null;
}

export type NewMarketBid = Omit<MarketBid, 'id' | 'updatedAtMs'>;

export interface MarketBidsRepo {
  /** Records a decision once per request; returns false when the request already has a row. */
  recordOnce(bid: NewMarketBid): boolean;
  get(coordinatorId: string, requestId: string): MarketBid | undefined;
  /** Moves a placed bid to won or lost (or records a refusal), with why. */
  settle(coordinatorId: string, requestId: string, outcome: BidOutcome, reason: string | null): void;
  /** A coordinator's bids in this outcome, oldest first. */
  listByOutcome(coordinatorId: string, outcome: BidOutcome, limit: number): MarketBid[];
  /** The newest rows, newest first, over every coordinator or one. */
  recent(limit: number, coordinatorId?: string): MarketBid[];
  /** How many rows have this outcome, over every coordinator or one. */
  count(outcome: BidOutcome, coordinatorId?: string): number;
  /** Won requests whose deadline is still ahead, over every coordinator or one. */
  listWon(coordinatorId?: string): MarketBid[];
}

interface Row {
  id: number;
  coordinator_id: string;
  request_id: string;
  at_ms: number;
  updated_at_ms: number;
  program: string | null;
  gas_limit: string;
  deadline_ms: number;
  max_price_wei_per_pgu: string | null;
  amount_wei_per_pgu: string | null;
  outcome: BidOutcome;
  reason: string | null;
}

const COLUMNS = 'id, coordinator_id, request_id, at_ms, updated_at_ms, program, gas_limit, deadline_ms, max_price_wei_per_pgu, amount_wei_per_pgu, outcome, reason';

export function createMarketBidsRepo(db: Database, now: () => number): MarketBidsRepo {
  const insert = db.prepare(
    `INSERT INTO market_bids (coordinator_id, request_id, at_ms, updated_at_ms, program, gas_limit, deadline_ms, max_price_wei_per_pgu, amount_wei_per_pgu, outcome, reason)
     VALUES (@coordinator_id, @request_id, @at_ms, @at_ms, @program, @gas_limit, @deadline_ms, @max_price, @amount, @outcome, @reason)
     ON CONFLICT (coordinator_id, request_id) DO NOTHING`,
  );
  const selectOne = db.prepare<Row>(`SELECT ${COLUMNS} FROM market_bids WHERE coordinator_id = ? AND request_id = ?`);
  const update = db.prepare('UPDATE market_bids SET outcome = ?, reason = ?, updated_at_ms = ? WHERE coordinator_id = ? AND request_id = ?');
  const selectByOutcome = db.prepare<Row>(`SELECT ${COLUMNS} FROM market_bids WHERE coordinator_id = ? AND outcome = ? ORDER BY at_ms, id LIMIT ?`);
  const selectRecent = db.prepare<Row>(`SELECT ${COLUMNS} FROM market_bids ORDER BY at_ms DESC, id DESC LIMIT ?`);
  const selectRecentOf = db.prepare<Row>(`SELECT ${COLUMNS} FROM market_bids WHERE coordinator_id = ? ORDER BY at_ms DESC, id DESC LIMIT ?`);
  const countAll = db.prepare<{ n: number }>('SELECT COUNT(*) AS n FROM market_bids WHERE outcome = ?');
  const countOf = db.prepare<{ n: number }>('SELECT COUNT(*) AS n FROM market_bids WHERE outcome = ? AND coordinator_id = ?');
  const selectWon = db.prepare<Row>(`SELECT ${COLUMNS} FROM market_bids WHERE outcome = 'won' AND deadline_ms > ? ORDER BY deadline_ms`);
  const selectWonOf = db.prepare<Row>(`SELECT ${COLUMNS} FROM market_bids WHERE outcome = 'won' AND deadline_ms > ? AND coordinator_id = ? ORDER BY deadline_ms`);

  return {
    recordOnce(bid) {
      const result = insert.run({
        coordinator_id: bid.coordinatorId,
        request_id: bid.requestId,
        at_ms: bid.atMs,
        program: bid.program,
        gas_limit: bid.gasLimit.toString(),
        deadline_ms: bid.deadlineMs,
        max_price: bid.maxPriceWeiPerPgu?.toString() ?? null,
        amount: bid.amountWeiPerPgu?.toString() ?? null,
        outcome: bid.outcome,
        reason: bid.reason,
      });
      return result.changes === 1;
    },
    get: (coordinatorId, requestId) => {
      const row = selectOne.get(coordinatorId, requestId);
      return row ? fromRow(row) : undefined;
    },
    settle(coordinatorId, requestId, outcome, reason) {
      update.run(outcome, reason, now(), coordinatorId, requestId);
    },
    listByOutcome: (coordinatorId, outcome, limit) => selectByOutcome.all(coordinatorId, outcome, limit).map(fromRow),
    count: (outcome, coordinatorId) => (coordinatorId === undefined ? countAll.get(outcome) : countOf.get(outcome, coordinatorId))?.n ?? 0,
    listWon: (coordinatorId) => (coordinatorId === undefined ? selectWon.all(now()) : selectWonOf.all(now(), coordinatorId)).map(fromRow),
    recent: (limit, coordinatorId) => (coordinatorId === undefined ? selectRecent.all(limit) : selectRecentOf.all(coordinatorId, limit)).map(fromRow),
  };
}

function fromRow(row: Row): MarketBid {
  return {
    id: row.id,
    coordinatorId: row.coordinator_id,
    requestId: row.request_id,
    atMs: row.at_ms,
    updatedAtMs: row.updated_at_ms,
    program: row.program,
    gasLimit: BigInt(row.gas_limit),
    deadlineMs: row.deadline_ms,
    maxPriceWeiPerPgu: row.max_price_wei_per_pgu === null ? null : BigInt(row.max_price_wei_per_pgu),
    amountWeiPerPgu: row.amount_wei_per_pgu === null ? null : BigInt(row.amount_wei_per_pgu),
    outcome: row.outcome,
    reason: row.reason,
  };
}
