// A horizontal bar for a percentage (memory, GPU utilisation).
export function Meter({ label, pct }: { label: string; pct: number }) {
  return (
    <div className="meter" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
      <div className="meter-fill" style={{ width: `${pct}%` }} />
    </div>
  );
}
