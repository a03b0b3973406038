// A market's ledger on its card (a Succinct market's bids, an Aztec market's quotes) as a labelled section: read
// at once, again on the events its store follows, and every few seconds while the window is shown (auctions
// settle and nodes ask for quotes without an event).
import { useEffect, useId, type ReactNode } from 'react';
import { useBridge } from '../../bridge/context.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import type { PerMarketStore } from '../../stores/per-market.js';
import { pageHref } from '../../routing.js';
import { everyWhileVisible } from '../../visibility.js';

const REFRESH_MS = 5_000;

interface LedgerPanelProps<T> {
  title: string;
  /** Where the prices behind this ledger are set, e.g. "Bid settings and what-if" (on the Pricing page). */
  pricingLink: string;
  store: PerMarketStore<T>;
  coordinatorId: string;
  children(ledger: T): ReactNode;
}

export function LedgerPanel<T>({ title, pricingLink, store, coordinatorId, children }: LedgerPanelProps<T>) {
  const bridge = useBridge();
  const headingId = useId();
  const ledger = store((state) => state.byCoordinator[coordinatorId] ?? null);
  const error = store((state) => state.errors[coordinatorId] ?? null);
  const load = store((state) => state.load);
  const watch = store((state) => state.watch);

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
    <section className="ledger-panel" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      <p>
        <a href={pageHref('pricing')}>{pricingLink} (Pricing) →</a>
      </p>
      {error !== null && <ErrorNotice message={error} onRetry={() => void load(bridge, coordinatorId)} />}
      {ledger === null ? error === null && <p className="muted">Loading…</p> : children(ledger)}
    </section>
  );
}
