import { Card } from '../../components/Card.js';
import { formatCelsius } from '../../format.js';
import { useHardwareStore } from '../../stores/hardware.js';
import { WaitingForSample } from './WaitingForSample.js';
import { hasTemperatures } from './temperatures.js';

export function TemperatureCard() {
  const latest = useHardwareStore((store) => store.latest);
  if (latest === null) {
    return (
      <Card title="Temperatures">
        <WaitingForSample />
      </Card>
    );
  }
  const { cpuMainC, cpuMaxC, coresC } = latest.temperatures;
  if (!hasTemperatures(latest)) {
    return (
      <Card title="Temperatures">
        <p className="muted">Temperatures are not reported by this system.</p>
      </Card>
    );
  }
  return (
    <Card title="Temperatures">
      {cpuMainC !== null && <div className="figure">{formatCelsius(cpuMainC)}</div>}
      {cpuMainC !== null && <p className="figure-caption">CPU</p>}
      <dl className="facts">
        {cpuMaxC !== null && (
          <>
            <dt>Hottest sensor</dt>
            <dd>{formatCelsius(cpuMaxC)}</dd>
          </>
        )}
        {coresC.length > 0 && (
          <>
            <dt>Per core</dt>
            <dd>{coresC.map(formatCelsius).join(' · ')}</dd>
          </>
        )}
      </dl>
    </Card>
  );
}
