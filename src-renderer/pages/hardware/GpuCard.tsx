import { Card } from '../../components/Card.js';
import { Meter } from '../../components/Meter.js';
import { formatCelsius, formatGiB, formatPercent } from '../../format.js';
import { useHardwareStore } from '../../stores/hardware.js';
import { WaitingForSample } from './WaitingForSample.js';

export function GpuCard() {
  const latest = useHardwareStore((store) => store.latest);
  if (latest === null) {
    return (
      <Card title="GPUs">
        <WaitingForSample />
      </Card>
    );
  }
  if (latest.gpus.length === 0) {
    return (
      <Card title="GPUs">
        <p className="muted">No GPU detected.</p>
      </Card>
    );
  }
  return (
    <Card title="GPUs">
      <ul className="gpu-list">
        {latest.gpus.map((gpu) => (
          <li key={gpu.index}>
            <div className="gpu-name">
              {gpu.model} <span className="muted">({gpu.vendor})</span>
            </div>
            {gpu.utilizationPct !== null && <Meter label={`GPU ${gpu.index} utilisation`} pct={gpu.utilizationPct} />}
            <dl className="facts">
              <dt>Utilisation</dt>
              <dd>{gpu.utilizationPct === null ? 'not reported' : formatPercent(gpu.utilizationPct)}</dd>
              <dt>Memory</dt>
              <dd>
                {gpu.memoryTotalBytes === null
                  ? 'not reported'
                  : gpu.memoryUsedBytes === null
                    ? formatGiB(gpu.memoryTotalBytes)
                    : `${formatGiB(gpu.memoryUsedBytes)} used of ${formatGiB(gpu.memoryTotalBytes)}`}
              </dd>
              {gpu.temperatureC !== null && (
                <>
                  <dt>Temperature</dt>
                  <dd>{formatCelsius(gpu.temperatureC)}</dd>
                </>
              )}
            </dl>
          </li>
        ))}
      </ul>
    </Card>
  );
}
