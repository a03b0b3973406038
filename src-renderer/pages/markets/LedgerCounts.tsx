// A market's ledger in figures (its bids or its quotes by what became of them, over its whole history), each
// with a test id `${prefix}-${id}`.
import type { ReactNode } from 'react';

interface LedgerCount {
  id: string;
  label: string;
  value: ReactNode;
}

export function LedgerCounts({ items, prefix }: { items: LedgerCount[]; prefix: string }) {
  return (
    <dl className="ledger-counts">
      {items.map((item) => (
        <div key={item.id}>
          <dt>{item.label}</dt>
          <dd data-testid={`${prefix}-${item.id}`}>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
