// The Aztec quote ledger (aztec_quotes): every quote request the app's provider answered — quoted, declined,
// refused or failed — and, for quotes that won, the L1 claim (bond staked) and the payout. Wei amounts, epochs
// and slots are bigints here and decimal strings in SQLite; one row per coordinator and epoch.
import type { Database } from '../sqlite.js';

export const AZTEC_QUOTE_OUTCOMES = ['quoted', 'declined', 'refused', 'failed'] as const;
export type AztecQuoteOutcome = (typeof AZTEC_QUOTE_OUTCOMES)[number];

export interface AztecQuote {
  id: number;
  coordinatorId: string;
  atMs: number;
  /** Null only for a refused request (it named no epoch). */
  epoch: bigint | null;
  fromBlock: number | null;
  toBlock: number | null;
  txCount: number | null;
  totalFeesWei: bigint | null;
  outcome: AztecQuoteOutcome;
  basisPointFee: number | null;
  bondWei: bigint | null;
  validUntilSlot: bigint | null;
  /** For a quote: 'not-configured', 'sent', or the node's error text. */
  submitted: string | null;
  /** Why it was declined, refused or failed. */
  reason: string | null;
  claimedAtMs: number | null;
  claimL1Block: number | null;
  payoutWei: bigint | null;
  paidAtMs: number | null;
  paidL1Block: number | null;
}

export type NewAztecQuote = Pick<
  AztecQuote,
  'coordinatorId' | 'atMs' | 'epoch' | 'fromBlock' | 'toBlock' | 'txCount' | 'totalFeesWei' | 'outcome' | 'basisPointFee' | 'bondWei' | 'validUntilSlot' | 'submitted' | 'reason'
>;

export interface AztecQuotesRepo {
  /**
   * Records an answer. A second answer for the same coordinator and epoch replaces the first, except that a
   * claimed row is final and a quote is replaced only by a newer quote (the older one stays in the node's pool
   * and may still win). Refused requests have no epoch and always add a row.
   */
  record(quote: NewAztecQuote): void;
  /** The quote for this epoch won the claim: its bond is staked. False when there is no such quote or it was already claimed. */
  markClaimed(coordinatorId: string, epoch: bigint, bondWei: bigint, l1Block: bigint, atMs: number): boolean;
  /** The claimed epoch was proven and paid. False when there is no claimed, unpaid quote for it (so a payout is booked once). */
  markPaid(coordinatorId: string, epoch: bigint, payoutWei: bigint, l1Block: bigint, atMs: number): boolean;
  get(coordinatorId: string, epoch: bigint): AztecQuote | undefined;
  /** The newest rows first, over every coordinator or one. */
  recent(limit: number, coordinatorId?: string): AztecQuote[];
  /** Claimed and not (yet) paid, oldest claim first: their bonds are staked. */
  claimedUnpaid(coordinatorId: string): AztecQuote[];
  /** The sum of the staked bonds of claimed, unpaid quotes. */
  bondsAtRiskWei(coordinatorId?: string): bigint;
  /**
   * Rows by outcome, how many were claimed and paid, and how many were lost: quoted, not claimed, and a later
   * epoch already asked about (the node asks at an epoch's end, after the previous epoch's claim phase).
   */
  counts(coordinatorId?: string): Record<AztecQuoteOutcome | 'claimed' | 'paid' | 'lost', number>;
  /** The latest epoch the node asked about, or null. */
  latestEpoch(coordinatorId: string): bigint | null;
  /** The highest L1 block a claim or payout was recorded in, or null: log reads resume after it. */
  lastL1Block(coordinatorId: string): bigint | null;
}

interface Row {
  id: number;
  coordinator_id: string;
  at_ms: number;
  epoch: string | null;
  from_block: number | null;
  to_block: number | null;
  tx_count: number | null;
  total_fees_wei: string | null;
  outcome: AztecQuoteOutcome;
  basis_point_fee: number | null;
  bond_wei: string | null;
  valid_until_slot: string | null;
  submitted: string | null;
  reason: string | null;
  claimed_at_ms: number | null;
  claim_l1_block: number | null;
  payout_wei: string | null;
  paid_at_ms: number | null;
  paid_l1_block: number | null;
}

const COLUMNS =
  'id, coordinator_id, at_ms, epoch, from_block, to_block, tx_count, total_fees_wei, outcome, basis_point_fee, bond_wei, valid_until_slot, submitted, reason, claimed_at_ms, claim_l1_block, payout_wei, paid_at_ms, paid_l1_block';

export function createAztecQuotesRepo(db: Database): AztecQuotesRepo {
  const upsert = db.prepare(
    `INSERT INTO aztec_quotes (coordinator_id, at_ms, epoch, from_block, to_block, tx_count, total_fees_wei, outcome, basis_point_fee, bond_wei, valid_until_slot, submitted, reason)
     VALUES (@coordinator_id, @at_ms, @epoch, @from_block, @to_block, @tx_count, @total_fees_wei, @outcome, @basis_point_fee, @bond_wei, @valid_until_slot, @submitted, @reason)
     ON CONFLICT (coordinator_id, epoch) DO UPDATE SET
       at_ms = excluded.at_ms, from_block = excluded.from_block, to_block = excluded.to_block, tx_count = excluded.tx_count,
       total_fees_wei = excluded.total_fees_wei, outcome = excluded.outcome, basis_point_fee = excluded.basis_point_fee,
       bond_wei = excluded.bond_wei, valid_until_slot = excluded.valid_until_slot, submitted = excluded.submitted, reason = excluded.reason
     WHERE aztec_quotes.claimed_at_ms IS NULL
       AND (aztec_quotes.outcome <> 'quoted' OR excluded.outcome = 'quoted')`,
  );
  const claim = db.prepare(
    `UPDATE aztec_quotes SET claimed_at_ms = ?, claim_l1_block = ?, bond_wei = ?
     WHERE coordinator_id = ? AND epoch = ? AND claimed_at_ms IS NULL`,
  );
  const pay = db.prepare(
    `UPDATE aztec_quotes SET payout_wei = ?, paid_at_ms = ?, paid_l1_block = ?
     WHERE coordinator_id = ? AND epoch = ? AND claimed_at_ms IS NOT NULL AND paid_at_ms IS NULL`,
  );
  const selectOne = db.prepare<Row>(`SELECT ${COLUMNS} FROM aztec_quotes WHERE coordinator_id = ? AND epoch = ?`);
  const selectRecent = db.prepare<Row>(`SELECT ${COLUMNS} FROM aztec_quotes ORDER BY at_ms DESC, id DESC LIMIT ?`);
  const selectRecentOf = db.prepare<Row>(`SELECT ${COLUMNS} FROM aztec_quotes WHERE coordinator_id = ? ORDER BY at_ms DESC, id DESC LIMIT ?`);
  const unpaidWhere = 'claimed_at_ms IS NOT NULL AND paid_at_ms IS NULL';
  const selectUnpaidOf = db.prepare<Row>(`SELECT ${COLUMNS} FROM aztec_quotes WHERE coordinator_id = ? AND ${unpaidWhere} ORDER BY claim_l1_block, id`);
  // Summed here rather than in SQL: SQLite's sum() is 64-bit and wei amounts overflow it.
  const selectBonds = db.prepare<{ bond_wei: string | null }>(`SELECT bond_wei FROM aztec_quotes WHERE ${unpaidWhere}`);
  const selectBondsOf = db.prepare<{ bond_wei: string | null }>(`SELECT bond_wei FROM aztec_quotes WHERE coordinator_id = ? AND ${unpaidWhere}`);
  // A payout lands after its claim, so a row's latest block is its payout's, else its claim's.
  const selectLastBlock = db.prepare<{ block: number | null }>('SELECT max(coalesce(paid_l1_block, claim_l1_block)) AS block FROM aztec_quotes WHERE coordinator_id = ?');
  const LATER_EPOCH_ASKED = `EXISTS (SELECT 1 FROM aztec_quotes later WHERE later.coordinator_id = q.coordinator_id AND CAST(later.epoch AS INTEGER) > CAST(q.epoch AS INTEGER))`;
  const COUNTS = `SUM(outcome = 'quoted') AS quoted, SUM(outcome = 'declined') AS declined, SUM(outcome = 'refused') AS refused,
    SUM(outcome = 'failed') AS failed, SUM(claimed_at_ms IS NOT NULL) AS claimed, SUM(paid_at_ms IS NOT NULL) AS paid,
    SUM(outcome = 'quoted' AND claimed_at_ms IS NULL AND ${LATER_EPOCH_ASKED}) AS lost`;
  type CountsRow = Record<AztecQuoteOutcome | 'claimed' | 'paid' | 'lost', number | null>;
  const selectCounts = db.prepare<CountsRow>(`SELECT ${COUNTS} FROM aztec_quotes q`);
  const selectCountsOf = db.prepare<CountsRow>(`SELECT ${COUNTS} FROM aztec_quotes q WHERE coordinator_id = ?`);
  const selectLatestEpoch = db.prepare<{ epoch: string | null }>(`SELECT epoch FROM aztec_quotes WHERE coordinator_id = ? AND epoch IS NOT NULL ORDER BY CAST(epoch AS INTEGER) DESC LIMIT 1`);

  return {
    record(quote) {
      upsert.run({
        coordinator_id: quote.coordinatorId,
        at_ms: quote.atMs,
        epoch: quote.epoch?.toString() ?? null,
        from_block: quote.fromBlock,
        to_block: quote.toBlock,
        tx_count: quote.txCount,
        total_fees_wei: quote.totalFeesWei?.toString() ?? null,
        outcome: quote.outcome,
        basis_point_fee: quote.basisPointFee,
        bond_wei: quote.bondWei?.toString() ?? null,
        valid_until_slot: quote.validUntilSlot?.toString() ?? null,
        submitted: quote.submitted,
        reason: quote.reason,
      });
    },
    // The claim's bond is what L1 staked, whatever the row said.
    markClaimed: (coordinatorId, epoch, bondWei, l1Block, atMs) => claim.run(atMs, blockNumber(l1Block), bondWei.toString(), coordinatorId, epoch.toString()).changes === 1,
    markPaid: (coordinatorId, epoch, payoutWei, l1Block, atMs) => pay.run(payoutWei.toString(), atMs, blockNumber(l1Block), coordinatorId, epoch.toString()).changes === 1,
    get: (coordinatorId, epoch) => {
      const row = selectOne.get(coordinatorId, epoch.toString());
      return row ? fromRow(row) : undefined;
    },
    recent: (limit, coordinatorId) => (coordinatorId === undefined ? selectRecent.all(limit) : selectRecentOf.all(coordinatorId, limit)).map(fromRow),
    claimedUnpaid: (coordinatorId) => selectUnpaidOf.all(coordinatorId).map(fromRow),
    bondsAtRiskWei: (coordinatorId) =>
      (coordinatorId === undefined ? selectBonds.all() : selectBondsOf.all(coordinatorId)).reduce((sum, row) => sum + BigInt(row.bond_wei ?? 0), 0n),
    counts(coordinatorId) {
      const row = (coordinatorId === undefined ? selectCounts.get() : selectCountsOf.get(coordinatorId))!;
      return { quoted: row.quoted ?? 0, declined: row.declined ?? 0, refused: row.refused ?? 0, failed: row.failed ?? 0, claimed: row.claimed ?? 0, paid: row.paid ?? 0, lost: row.lost ?? 0 };
    },
    latestEpoch(coordinatorId) {
      const epoch = selectLatestEpoch.get(coordinatorId)?.epoch;
      return epoch === null || epoch === undefined ? null : BigInt(epoch);
    },
    lastL1Block(coordinatorId) {
      const block = selectLastBlock.get(coordinatorId)?.block;
      return block === null || block === undefined ? null : BigInt(block);
    },
  };
}

/** L1 block numbers fit SQLite's integers (and JS numbers) for ages; anything else is a bug upstream. */
function blockNumber(l1Block: bigint): number {
  if (l1Block < 0n || l1Block > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`L1 block ${l1Block} is out of range`);
  return Number(l1Block);
}

const bigintOrNull = (text: string | null) => (text === null ? null : BigInt(text));

function fromRow(row: Row): AztecQuote {
  return {
    id: row.id,
    coordinatorId: row.coordinator_id,
    atMs: row.at_ms,
    epoch: bigintOrNull(row.epoch),
    fromBlock: row.from_block,
    toBlock: row.to_block,
    txCount: row.tx_count,
    totalFeesWei: bigintOrNull(row.total_fees_wei),
    outcome: row.outcome,
    basisPointFee: row.basis_point_fee,
    bondWei: bigintOrNull(row.bond_wei),
    validUntilSlot: bigintOrNull(row.valid_until_slot),
    submitted: row.submitted,
    reason: row.reason,
    claimedAtMs: row.claimed_at_ms,
    claimL1Block: row.claim_l1_block,
    payoutWei: bigintOrNull(row.payout_wei),
    paidAtMs: row.paid_at_ms,
    paidL1Block: row.paid_l1_block,
  };
}
