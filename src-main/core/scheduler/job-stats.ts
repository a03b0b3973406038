// Today's figures for the Dashboard: jobs that ended since a moment (local midnight, from the UI), how many
// were accepted, and what the accepted ones cost and were priced at (from their `accepted` events).
import type { Store } from '../store/store.js';

export interface JobStats {
  accepted: number;
  rejected: number;
  failed: number;
  costCents: number;
  priceCents: number;
}

const ENDINGS = ['accepted', 'rejected', 'failed', 'expired', 'outcome-unknown', 'stale'];

export function jobStatsSince(store: Store, sinceMs: number): JobStats {
  const stats: JobStats = { accepted: 0, rejected: 0, failed: 0, costCents: 0, priceCents: 0 };
  for (const event of store.jobEvents.listByKinds(ENDINGS, sinceMs)) {
    if (event.kind === 'accepted') {
      stats.accepted += 1;
      const data = (event.data ?? {}) as { costCents?: unknown; priceCents?: unknown };
      if (typeof data.costCents === 'number') stats.costCents += data.costCents;
      if (typeof data.priceCents === 'number') stats.priceCents += data.priceCents;
    } else if (event.kind === 'rejected') {
      stats.rejected += 1;
    } else {
      stats.failed += 1;
    }
  }
  return stats;
}
