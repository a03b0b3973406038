import { Card } from '../../components/Card.js';
import { formatPercent } from '../../format.js';
import { useHardwareStore } from '../../stores/hardware.js';

export function CpuCard() {
  const machine = useHardwareStore((store) => store.machine);
  const latest = useHardwareStore((store) => store.latest);
  return (
    <Card title="CPU" className="cpu-card">
      <div className="figure" data-testid="cpu-load">
        {latest === null ? '–' : formatPercent(latest.cpu.loadPct)}
      </div>
      <p className="figure-caption">total load</p>
      {machine !== null && (
        <dl className="facts">
          <dt>Model</dt>
          <dd>{`${machine.cpu.manufacturer} ${machine.cpu.brand}`.trim()}</dd>
          <dt>Cores</dt>
          <dd>
            {machine.cpu.physicalCores} cores, {machine.cpu.logicalCores} threads
          </dd>
          {machine.cpu.speedGHz > 0 && (
            <>
              <dt>Base speed</dt>
              <dd>{machine.cpu.speedGHz.toFixed(2)} GHz</dd>
            </>
          )}
        </dl>
      )}
      {latest !== null && latest.cpu.perCorePct.length > 0 && (
        <div className="core-bars" aria-label="Load per core">
          {latest.cpu.perCorePct.map((pct, core) => (
            <div
              key={core}
              className="core-bar"
              role="meter"
              aria-label={`Core ${core}`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={pct}
              title={`Core ${core}: ${formatPercent(pct)}`}
            >
              <div className="core-bar-fill" style={{ height: `${pct}%` }} />
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}
