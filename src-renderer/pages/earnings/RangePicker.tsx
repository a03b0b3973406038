// Which stretch of time the Earnings page sums: the last 24 hours, 7 or 30 days, or everything.
import { EARNINGS_RANGES, type EarningsRangeId } from '../../stores/earnings.js';

export function RangePicker({ value, onChange }: { value: EarningsRangeId; onChange(range: EarningsRangeId): void }) {
  return (
    <div className="segmented" role="group" aria-label="Earnings range">
      {EARNINGS_RANGES.map((range) => (
        <button key={range.id} type="button" aria-pressed={range.id === value} onClick={() => onChange(range.id)}>
          {range.label}
        </button>
      ))}
    </div>
  );
}
