import { Card } from '../../components/Card.js';
import { Meter } from '../../components/Meter.js';
import { formatGiB, formatPercent } from '../../format.js';
import { memoryUsedPct, useHardwareStore } from '../../stores/hardware.js';
import { WaitingForSample } from './WaitingForSample.js';

export function MemoryCard() {
  const latest = useHardwareStore((store) => store.latest);
  if (latest === null) {
    return (
      <Card title="Memory">
        <WaitingForSample />
      </Card>
    );
  }
  const { memory } = latest;
  const usedPct = memoryUsedPct(latest);
  return (
    <Card title="Memory">
      <div className="figure">{formatPercent(usedPct)}</div>
      <p className="figure-caption">
        {formatGiB(memory.usedBytes)} used of {formatGiB(memory.totalBytes)}
      </p>
      <Meter label="Memory used" pct={usedPct} />
      <dl className="facts">
        <dt>Available</dt>
        <dd>{formatGiB(memory.availableBytes)}</dd>
        <dt>Swap</dt>
        <dd>
          {memory.swapTotalBytes > 0
            ? `${formatGiB(memory.swapUsedBytes)} used of ${formatGiB(memory.swapTotalBytes)}`
            : 'none'}
        </dd>
      </dl>
    </Card>
  );
}
