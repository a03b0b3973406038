// A Succinct market's bids on its card: counts by outcome, the won requests still due (with their deadlines
// counting down), and the recent requests with what was decided and why. Reloaded on job and coordinator events
// and every few seconds while the window is shown (auctions settle without an event).
import { useEffect, useId } from 'react';
import { useBridge } from '../../bridge/context.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { useBidsStore } from '../../stores/bids.js';
import { everyWhileVisible } from '../../visibility.js';
import { BidCounts } from './BidCounts.js';
import { DueRequests } from './DueRequests.js';
import { RecentBidsTable } from './RecentBidsTable.js';

const REFRESH_MS = 5_000;

export function BidsPanel({ coordinatorId }: { coordinatorId: string }) {
  const bridge = useBridge();
  const headingId = useId();
  const bids = useBidsStore((store) => store.byCoordinator[coordinatorId] ?? null);
  const error = useBidsStore((store) => store.errors[coordinatorId] ?? null);
  const load = useBidsStore((store) => store.load);
  const watch = useBidsStore((store) => store.watch);

  useEffect(() => {
    const unwatch = watch(coordinatorId);
    void load(bridge, coordinatorId);
    const stop = everyWhileVisible(REFRESH_MS, () => void load(bridge, coordinatorId));
    return () => {
      stop();
      unwatch();
    };
  }, [bridge, coordinatorId, load, watch]);

  return (
    <section className="bids-panel" aria-labelledby={headingId}>
      <h3 id={headingId}>Bids</h3>
      {error !== null && <ErrorNotice message={error} onRetry={() => void load(bridge, coordinatorId)} />}
      {bids === null ? (
        error === null && <p className="muted">Loading…</p>
      ) : (
        <>
          <BidCounts counts={bids.counts} />
          <DueRequests outstanding={bids.outstanding} />
          <RecentBidsTable bids={bids.bids} />
        </>
      )}
    </section>
  );
}
