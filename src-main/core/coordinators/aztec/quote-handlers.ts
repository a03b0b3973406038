// The API's Aztec quote ledger (Markets page): each epoch the node asked about and what the app answered, the
// claims won and payouts received, counts, and the bonds staked on claimed epochs not yet paid.
import type { ApiHandlers } from '../../api/dispatcher.js';
import type { Store } from '../../store/store.js';

type Queries = Pick<ApiHandlers['queries'], 'markets.quotes'>;

export function quoteHandlers({ store }: { store: Store }): { queries: Queries } {
  return {
    queries: {
      'markets.quotes': ({ coordinatorId, limit }) => {
        const names = new Map(store.coordinators.list().map((c) => [c.id, c.name]));
        const text = (value: bigint | null) => (value === null ? null : value.toString());
        const latest = new Map<string, bigint | null>();
        const latestOf = (id: string) => {
          if (!latest.has(id)) latest.set(id, store.aztecQuotes.latestEpoch(id));
          return latest.get(id) ?? null;
        };
        /** A quote's claim phase is over once the node has asked about a later epoch (at that epoch's end). */
        const won = (row: { coordinatorId: string; epoch: bigint | null; outcome: string; claimedAtMs: number | null }) => {
          if (row.claimedAtMs !== null) return true;
          if (row.outcome !== 'quoted' || row.epoch === null) return null;
          const later = latestOf(row.coordinatorId);
          return later !== null && later > row.epoch ? false : null;
        };
        return {
          quotes: store.aztecQuotes.recent(limit, coordinatorId).map((row) => ({
            coordinatorId: row.coordinatorId,
            coordinatorName: names.get(row.coordinatorId) ?? row.coordinatorId,
            atMs: row.atMs,
            epoch: text(row.epoch),
            txCount: row.txCount,
            totalFeesWei: text(row.totalFeesWei),
            outcome: row.outcome,
            basisPointFee: row.basisPointFee,
            bondWei: text(row.bondWei),
            validUntilSlot: text(row.validUntilSlot),
            submitted: row.submitted,
            reason: row.reason,
            claimedAtMs: row.claimedAtMs,
            payoutWei: text(row.payoutWei),
            paidAtMs: row.paidAtMs,
            won: won(row),
          })),
          counts: store.aztecQuotes.counts(coordinatorId),
          bondsAtRiskWei: store.aztecQuotes.bondsAtRiskWei(coordinatorId).toString(),
        };
      },
    },
  };
}
