import { useEffect } from 'react';
import { useBridge } from '../../bridge/context.js';
import { Card } from '../../components/Card.js';
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
      {engine?.devices.map((device) => (
        <dl className="facts" key={`${device.kind}-${device.name}`} data-testid="engine-device">
          <dt>{device.kind === 'cpu' ? 'CPU' : 'GPU'}</dt>
          <dd>{device.name}</dd>
          {device.cores !== undefined && (
            <>
              <dt>Threads</dt>
              <dd>{device.cores}</dd>
            </>
          )}
          {device.features !== undefined && device.features.length > 0 && (
            <>
              <dt>Features</dt>
              <dd>{device.features.join(', ')}</dd>
            </>
          )}
        </dl>
      ))}
      {engine !== null && !engine.devices.some((device) => device.kind === 'gpu') && (
        <p className="muted">GPU proving needs the CUDA backend, which this build does not include.</p>
      )}
    </Card>
  );
}
