// The GPUs the OS reports, with live figures, and for each the engine's view of it (matched by PCI address): the
// CUDA device it proves as, or why it cannot, and whether it is proving now.
import type { EngineDevices, GpuSample } from '../../../src-main/core/api/schemas.js';
import { samePciAddress } from '../../../src-main/core/api/pci-address.js';
import { Card } from '../../components/Card.js';
import { Meter } from '../../components/Meter.js';
import { formatCelsius, formatGiB, formatPercent } from '../../format.js';
import { useEngineDevicesStore } from '../../stores/engine-devices.js';
import { useHardwareStore } from '../../stores/hardware.js';
import { useJobsStore } from '../../stores/jobs.js';
import { WaitingForSample } from './WaitingForSample.js';

type EngineGpu = Extract<EngineDevices['devices'][number], { kind: 'gpu' }>;

/** "proves as cuda:0 (proving now)", "cannot prove: driver 470 is too old …", or null for a card the engine does not list. */
function engineText(gpu: GpuSample, engineGpus: EngineGpu[], provingOn: string | undefined): string | null {
  const match = engineGpus.find((device) => samePciAddress(device.pciBusId, gpu.busAddress));
  if (match === undefined) return null;
  if (match.state !== 'ready') return `cannot prove: ${match.message}`;
  return `proves as ${match.id}${provingOn === match.id ? ' (proving now)' : ''}`;
}

export function GpuCard() {
  const latest = useHardwareStore((store) => store.latest);
  const engine = useEngineDevicesStore((store) => store.engine);
  const provingOn = useJobsStore((store) => store.current?.device);
  const engineGpus = engine?.devices.filter((device): device is EngineGpu => device.kind === 'gpu') ?? [];
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
        {latest.gpus.map((gpu) => {
          const proving = engineText(gpu, engineGpus, provingOn);
          return (
          <li key={gpu.index}>
            <div className="gpu-name">
              {gpu.model} <span className="muted">({gpu.vendor})</span>
            </div>
            {proving !== null && (
              <p className="muted" data-testid="gpu-engine">
                Engine: {proving}
              </p>
            )}
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
          );
        })}
      </ul>
    </Card>
  );
}
