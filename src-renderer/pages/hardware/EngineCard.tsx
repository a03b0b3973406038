import { useEffect } from 'react';
import { useBridge } from '../../bridge/context.js';
import { Card } from '../../components/Card.js';
import { formatGiB } from '../../format.js';
import { useEngineDevicesStore } from '../../stores/engine-devices.js';

export function EngineCard() {
  const bridge = useBridge();
  const { engine, error, load } = useEngineDevicesStore();
  useEffect(() => {
    void load(bridge);
  }, [bridge, load]);

  const problem = error ?? engine?.problem ?? null;
  return (
    <Card title="Proving engine">
      {problem !== null && <p className="muted">The native engine is not available: {problem}</p>}
      {engine === null && problem === null && <p className="muted">Asking the engine…</p>}
      {engine?.devices.map((device) =>
        device.kind === 'cpu' ? (
          <dl className="facts" key="cpu" data-testid="engine-device">
            <dt>CPU</dt>
            <dd>{device.name}</dd>
            <dt>Threads</dt>
            <dd>{device.cores}</dd>
            {device.features.length > 0 && (
              <>
                <dt>Features</dt>
                <dd>{device.features.join(', ')}</dd>
              </>
            )}
          </dl>
        ) : (
          <dl className="facts" key={device.id} data-testid="engine-device">
            <dt>GPU {device.index}</dt>
            <dd>{device.name}</dd>
            <dt>Memory</dt>
            <dd>{formatGiB(device.memoryBytes)}</dd>
            <dt>Compute capability</dt>
            <dd>{device.computeCapability}</dd>
            <dt>State</dt>
            <dd data-testid="gpu-state">{device.state === 'ready' ? `ready${device.backend === 'emulated' ? ' (emulated on the CPU)' : ''}` : device.message}</dd>
          </dl>
        ),
      )}
      {engine !== null && engine.gpuSummary !== null && !engine.devices.some((device) => device.kind === 'gpu') && (
        <p className="muted">GPUs: {engine.gpuSummary}</p>
      )}
    </Card>
  );
}
